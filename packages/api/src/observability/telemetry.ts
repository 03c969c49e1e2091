import type { DeliveryResult } from '@xianzhi/core';

/**
 * What the composition reports as it happens (counters and timings); the state of queues, outbox and
 * projections is read when Prometheus scrapes instead (./pipeline.ts). A no-op when metrics are off.
 */
export interface Telemetry {
  /** A job attempt threw (a `RetryJobLater` is not a failure); `final` when no attempt is left. */
  jobFailed(queue: string, final: boolean): void;
  /** How a QQ delivery ended: its result, `failed` once its retries ran out (a dead letter), or `unknown` rows the lease sweep declared. */
  notificationOutcome(result: DeliveryResult | 'failed' | 'unknown', count?: number): void;
  /** A search or suggestion answered by the index, in seconds. */
  searchTimed(operation: 'search' | 'suggest', seconds: number): void;
}

export const NO_TELEMETRY: Telemetry = {
  jobFailed: () => {},
  notificationOutcome: () => {},
  searchTimed: () => {},
};
