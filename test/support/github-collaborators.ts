// The collaborator permission endpoint of the strict local GitHub stand-in
// (test/support/github-api-server.ts): GET /repos/{o}/{r}/collaborators/{username}/permission, typed
// by GitHub's OpenAPI description (`repository-collaborator-permission`). Each user the stand-in knows
// has a role; `permission` is its legacy base role as GitHub reports it (maintain is reported as
// write, triage as read), `role_name` the role itself. A user it does not know answers 404 (as GitHub
// does for a login that names no account); `forbidden` answers 403 for every user.
import { simpleUser, type Account } from './github-examples.js';
import type { RouteRequest, Schema } from './github-openapi.js';

export type Role = 'admin' | 'maintain' | 'write' | 'triage' | 'read';

/** GitHub's legacy `permission` for each role. */
const BASE: Record<Role, string> = { admin: 'admin', maintain: 'write', write: 'write', triage: 'read', read: 'read' };

/** What each role may do, as GitHub's `permissions` object says. */
const CAN: Record<Role, { pull: boolean; triage: boolean; push: boolean; maintain: boolean; admin: boolean }> = {
  admin: { pull: true, triage: true, push: true, maintain: true, admin: true },
  maintain: { pull: true, triage: true, push: true, maintain: true, admin: false },
  write: { pull: true, triage: true, push: true, maintain: false, admin: false },
  triage: { pull: true, triage: true, push: false, maintain: false, admin: false },
  read: { pull: true, triage: false, push: false, maintain: false, admin: false },
};

export class CollaboratorStore {
  /** Answer 403 "Resource not accessible by integration" for every user. */
  forbidden = false;
  private readonly roles = new Map<string, { account: Account; role: Role }>();

  /** `account` has `role` on the repository (`read`: anyone, on a public repository). */
  grant(account: Account, role: Role): void {
    this.roles.set(account.login.toLowerCase(), { account, role });
  }

  /** Handles the request when it is the collaborator permission endpoint; false for any other path. */
  handle(r: RouteRequest): boolean {
    const m = /^\/collaborators\/([^/]+)\/permission$/.exec(r.path);
    if (!m || r.method !== 'GET') return false;
    const known = this.roles.get(decodeURIComponent(m[1] ?? '').toLowerCase());
    if (this.forbidden) r.fail(403, 'Resource not accessible by integration');
    else if (!known) r.fail(404, 'Not Found');
    else r.reply('/repos/{owner}/{repo}/collaborators/{username}/permission', 'get', 200, view(known.account, known.role));
    return true;
  }
}

function view(account: Account, role: Role): Schema<'repository-collaborator-permission'> {
  return {
    permission: BASE[role],
    role_name: role,
    user: { ...simpleUser(account), permissions: CAN[role], role_name: role },
  };
}
