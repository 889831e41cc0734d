// What the health check says about one object at one moment.

/** `progressing` may still become healthy; `healthy` and `failed` are final for this wait. */
export type HealthState = 'healthy' | 'progressing' | 'failed';

export interface HealthVerdict {
  state: HealthState;
  /** What was seen (healthy, failed) or what is still awaited (progressing), e.g. `1 of 2 replicas available`. */
  message: string;
}

export function healthy(message: string): HealthVerdict {
  return { state: 'healthy', message };
}

export function progressing(message: string): HealthVerdict {
  return { state: 'progressing', message };
}

export function failed(message: string): HealthVerdict {
  return { state: 'failed', message };
}

export function isDecided(verdict: HealthVerdict): boolean {
  return verdict.state !== 'progressing';
}
