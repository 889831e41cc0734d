/**
 * A kubectl `-o` that prints every object with the time of our field manager's last write:
 * controllers and kwok keep updating pods and statuses, so resourceVersions move on their own; our
 * manager's entries move only when kube-gitops writes. Equal before and after a run: nothing written.
 */
export const OUR_WRITES = 'jsonpath={range .items[*]}{.kind}/{.metadata.name}={.metadata.managedFields[?(@.manager=="kube-gitops")].time} {end}';
