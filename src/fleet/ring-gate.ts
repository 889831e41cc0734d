// The ring gate: before a target of a later ring touches its cluster, the GitHub Deployments of
// every target of the rings before it are read (no kubeconfig of theirs is needed) and judged by
// ring-verdict.ts. A stop is returned as problems naming each ring, target and reason, and the
// apply writes nothing, not even its Lease. A soak not yet over is waited out, then everything is
// read again, at most MAX_SOAK_WAITS times. A gate that cannot read what it needs (no token, a
// token that may not read deployments, an error) stops too: unverified is not healthy.
import { markedTarget } from '../github/deployment-record.js';
import type { DeploymentState, GitHubApi } from '../github/github-port.js';
import { getErrorMessage } from '../model/errors.js';
import type { Logger } from '../model/logger.js';
import type { Problem } from '../model/problem.js';
import type { RingMember, RingPosition } from '../model/ring-position.js';
import { formatDuration } from '../wait/health-report.js';
import { blockerLine, ringVerdict, type CommitRelation, type FinishedDeployment, type RingObservation } from './ring-verdict.js';

/** How many times a soak is waited out before the gate refuses. */
export const MAX_SOAK_WAITS = 3;
/** How many of a target's newest deployments are looked through for a finished one. */
const LOOK_BACK = 20;

export interface RingGateDeps {
  github?: GitHubApi;
  logger: Logger;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

function isFinished(state: DeploymentState): state is FinishedDeployment['state'] {
  return state === 'success' || state === 'failure' || state === 'error';
}

/** The problems that stop `target` applying `sha`; none when every earlier ring has it healthy. */
export async function ringGate(target: string, position: RingPosition, sha: string, deps: RingGateDeps): Promise<Problem[]> {
  if (position.before.length === 0) return [];
  const { github, logger } = deps;
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  if (!github) return [refusal(`Ring ${position.ring} waits for the rings before it, which are read from GitHub Deployments: set the input 'github-token'.`)];
  for (let waits = 0; ; waits++) {
    let observations: RingObservation[];
    try {
      observations = await observe(github, position, sha);
    } catch (error) {
      return [
        refusal(
          `Ring ${position.ring} waits for the rings before it, and their GitHub Deployments could not be read (the token needs \`deployments: read\`): ${getErrorMessage(error)}`,
        ),
      ];
    }
    const verdict = ringVerdict(position, sha, observations, now());
    if (verdict.kind === 'go') {
      logger.info(
        `Ring ${position.ring}: ${target} goes ahead; every target of ring ${position.before.map((r) => r.ring).join(', ')} has ${sha.slice(0, 7)} applied and healthy.`,
      );
      return [];
    }
    if (verdict.kind === 'stop' || waits >= MAX_SOAK_WAITS)
      return verdict.blockers.map((b) => refusal(`Nothing was applied: ${blockerLine(position.ring, b)}`));
    logger.info(
      `Ring ${position.ring}: waiting ${formatDuration(verdict.waitMs)} for the soak of the rings before it (${verdict.blockers.map((b) => b.member.target).join(', ')}).`,
    );
    await sleep(verdict.waitMs);
  }
}

function refusal(message: string): Problem {
  return { message, code: 'refusal' };
}

async function observe(github: GitHubApi, position: RingPosition, sha: string): Promise<RingObservation[]> {
  const observations: RingObservation[] = [];
  for (const earlier of position.before) {
    for (const member of earlier.targets) {
      const last = await lastFinished(github, member, sha);
      observations.push({ ring: earlier.ring, member, ...(last ? { last } : {}) });
    }
  }
  return observations;
}

/** The member's newest finished deployment: its own (marked with its name) or the job's (unmarked) in its environment. */
async function lastFinished(github: GitHubApi, member: RingMember, sha: string): Promise<FinishedDeployment | undefined> {
  const deployments = (await github.listDeployments(member.environment, undefined, LOOK_BACK)).filter((d) => {
    const marked = markedTarget(d);
    return marked === undefined || marked === member.target;
  });
  for (const d of deployments) {
    const [latest] = await github.listDeploymentStatuses(d.id, 1);
    if (!latest || !isFinished(latest.state)) continue;
    const at = latest.createdAt ? Date.parse(latest.createdAt) : Number.NaN;
    return {
      sha: d.sha,
      state: latest.state,
      description: latest.description,
      ...(Number.isNaN(at) ? {} : { at }),
      relation: await relationOf(github, sha, d.sha),
    };
  }
  return undefined;
}

async function relationOf(github: GitHubApi, sha: string, deployed: string): Promise<CommitRelation> {
  if (deployed === sha) return 'identical';
  return (await github.compareCommits(sha, deployed)).status;
}
