// Takes, renews and releases the per-target Lease (lease-record.ts says why it excludes). A run
// that finds it held waits until the holder releases it, until it expires (unchanged for its whole
// duration as this run observes it: no clock of another machine is trusted), or until `waitMs`,
// and then refuses naming the holder. Once held, the lease is renewed every third of its duration;
// a renewal refused because someone else wrote it aborts `lost`, so no further write starts.
import { randomBytes } from 'node:crypto';
import type { ClusterClient, ResourceType } from '../cluster/cluster-client.js';
import { isConflict } from '../cluster/cluster-error.js';
import { getErrorMessage } from '../model/errors.js';
import type { Logger } from '../model/logger.js';
import type { KubeObject } from '../objects/kube-object.js';
import type { Clock } from '../model/clock.js';
import { leaseBody, leaseRef, readLease, transitionsOf, LEASE_DURATION_SECONDS } from './lease-record.js';

const POLL_MS = 2_000;

export interface LeaseRequest {
  target: string;
  /** The inventory namespace: the lease lives beside the ApplySet parent. */
  namespace: string;
  /** Who asks, as others are told while it holds the lease (a run URL; user@host for the CLI). */
  holder: string;
  /** How long to wait for another holder before refusing. */
  waitMs: number;
  clock: Clock;
  logger: Logger;
}

export interface HeldLease {
  /** Aborted when another run took the lease (a renewal was refused). */
  lost: AbortSignal;
  /** Gives the lease up (best effort: an unreleased lease expires on its own). */
  release(): Promise<void>;
}

/** Another run holds the lease and did not give it up in time. */
export class LeaseBusyError extends Error {
  override name = 'LeaseBusyError';
  constructor(
    readonly holder: string,
    readonly waitedMs: number,
    readonly acquiredAt: string | undefined,
  ) {
    super(`another run holds the lease of this target: ${holder}${acquiredAt ? ` (since ${acquiredAt})` : ''}`);
  }
}

export async function acquireLease(client: ClusterClient, type: ResourceType, request: LeaseRequest): Promise<HeldLease> {
  const { clock, logger } = request;
  const ref = leaseRef(request.target, request.namespace);
  // A field manager of this run's own: a second creator of an absent lease conflicts instead of winning too.
  const manager = `kube-gitops-lease-${randomBytes(6).toString('hex')}`;
  const started = clock.now();
  let observed: { resourceVersion: string; sinceMs: number } | undefined;
  let told = false;
  for (;;) {
    const live = await client.get(type, ref);
    const now = clock.now();
    const state = live ? readLease(live) : undefined;
    if (state && observed?.resourceVersion !== state.resourceVersion) observed = { resourceVersion: state.resourceVersion, sinceMs: now };
    const free = !state || state.holder === '' || now - (observed?.sinceMs ?? now) >= state.durationSeconds * 1000;
    if (free) {
      const body = leaseBody(ref, {
        holder: request.holder,
        nowMs: now,
        acquiredMs: now,
        ...(state ? { resourceVersion: state.resourceVersion, transitions: transitionsOf(live as KubeObject) + 1 } : {}),
      });
      try {
        const applied = await client.apply(type, body, { fieldManager: manager, force: state !== undefined, dryRun: false });
        if (told) logger.info(`Took the lease of ${request.target} after ${Math.round((clock.now() - started) / 1000)}s.`);
        return hold(client, type, request, manager, applied.object, now);
      } catch (error) {
        if (!isConflict(error)) throw error;
        continue; // someone else wrote it first: read it again
      }
    }
    const busy = state;
    if (now - started >= request.waitMs) throw new LeaseBusyError(busy.holder, now - started, busy.acquiredAt);
    if (!told) {
      logger.info(`Waiting for the lease of ${request.target}: another run holds it (${busy.holder}).`);
      told = true;
    }
    await clock.sleep(Math.min(POLL_MS, Math.max(1, request.waitMs - (now - started))));
  }
}

function hold(client: ClusterClient, type: ResourceType, request: LeaseRequest, manager: string, taken: KubeObject, acquiredMs: number): HeldLease {
  const ref = leaseRef(request.target, request.namespace);
  const lost = new AbortController();
  let resourceVersion = readLease(taken).resourceVersion;
  let lastRenewedMs = acquiredMs;
  let inFlight: Promise<void> = Promise.resolve();
  let stopped = false;

  const write = async (holder: string) => {
    const body = leaseBody(ref, { holder, nowMs: request.clock.now(), acquiredMs, resourceVersion });
    const applied = await client.apply(type, body, { fieldManager: manager, force: true, dryRun: false });
    resourceVersion = readLease(applied.object).resourceVersion;
  };
  const renew = async () => {
    try {
      await write(request.holder);
      lastRenewedMs = request.clock.now();
    } catch (error) {
      if (isConflict(error) || request.clock.now() - lastRenewedMs >= LEASE_DURATION_SECONDS * 1000) {
        request.logger.error(
          `Lost the lease of ${request.target}: ${isConflict(error) ? 'another run took it' : getErrorMessage(error)}. No further write starts.`,
        );
        lost.abort(new Error('the lease was lost'));
      } else {
        request.logger.warning(`Could not renew the lease of ${request.target} (${getErrorMessage(error)}); trying again.`);
      }
    }
  };
  const timer = setInterval(
    () => {
      if (!stopped && !lost.signal.aborted) inFlight = inFlight.then(renew);
    },
    (LEASE_DURATION_SECONDS * 1000) / 3,
  );
  timer.unref();

  return {
    lost: lost.signal,
    release: async () => {
      stopped = true;
      clearInterval(timer);
      await inFlight;
      if (lost.signal.aborted) return;
      await write('').catch((error: unknown) => {
        request.logger.warning(`Could not release the lease of ${request.target} (${getErrorMessage(error)}); it expires on its own.`);
      });
    },
  };
}
