import type { DomainEvent } from './events.js';

/** An outbox event with its position, for consumers that read the log at their own pace. */
export interface LoggedEvent {
  readonly seq: number;
  readonly event: DomainEvent;
}

/** The outbox read as a log: every event, published or not, in append order. */
export interface OutboxLog {
  after(seq: number, limit: number): Promise<LoggedEvent[]>;
  /** The position of the newest event, 0 when the log is empty. */
  lastSeq(): Promise<number>;
}

/** Each consumer of the outbox log keeps its own position, independent of the relay's `published_at`. */
export interface ProjectionCheckpoints {
  /** 0 when the consumer never ran. */
  position(name: string): Promise<number>;
  save(name: string, seq: number): Promise<void>;
}
