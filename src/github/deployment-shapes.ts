// GitHub's deployment and deployment status objects (REST), reduced to the port's plain types: the
// id as a number, the log URL from `log_url` or, for statuses older than it, `target_url`.
import type { Deployment, DeploymentState, DeploymentStatus } from './github-port.js';

interface RawDeployment {
  id: number | bigint;
  sha: string;
  environment: string;
  payload: unknown;
  production_environment?: boolean;
  transient_environment?: boolean;
}

export function toDeployment(d: RawDeployment): Deployment {
  return {
    id: Number(d.id),
    sha: d.sha,
    environment: d.environment,
    payload: d.payload,
    productionEnvironment: d.production_environment === true,
    transientEnvironment: d.transient_environment === true,
  };
}

interface RawDeploymentStatus {
  state: DeploymentState;
  log_url?: string;
  target_url?: string;
  environment_url?: string;
  description?: string;
  created_at?: string;
}

export function toDeploymentStatus(s: RawDeploymentStatus): DeploymentStatus {
  return {
    state: s.state,
    logUrl: s.log_url || s.target_url || '',
    environmentUrl: s.environment_url ?? '',
    description: s.description ?? '',
    ...(s.created_at ? { createdAt: s.created_at } : {}),
  };
}
