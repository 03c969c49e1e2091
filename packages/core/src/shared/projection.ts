import type { DomainEvent } from './events.js';

/** An outbox event with its position, for consumers that read the log at their own pace. */
export interface LoggedEvent {
  readonly seq: number;
  readonly event: DomainEvent;
}

/** Positions `from` to `to`, both included. */
export interface SeqRange {
  readonly from: number;
  readonly to: number;
}

/**
 * A log read by position (the outbox, the view log). Positions come from an auto-increment: they
 * are taken at insert and become visible at commit, so a later position can be seen before an
 * earlier one, and a rolled-back insert leaves one never filled. Follow it with `LogFollower`.
 */
export interface PositionedLog<T extends { readonly seq: number }> {
  /** Entries after `seq`, oldest first. */
  after(seq: number, limit: number): Promise<T[]>;
  /** Entries whose positions lie in one of the ranges, oldest first. */
  within(ranges: readonly SeqRange[], limit: number): Promise<T[]>;
}

/** The outbox read as a log: every event, published or not, in position order. */
export interface OutboxLog extends PositionedLog<LoggedEvent> {
  /** The position of the newest event, 0 when the log is empty. */
  lastSeq(): Promise<number>;
}

/** Positions a follower has passed without seeing them, and when it first noticed. */
export interface PendingGap extends SeqRange {
  readonly seenAt: Date;
}

/** Where a follower of a positioned log stands. */
export interface LogPosition {
  /** The highest position it has handled; every position above is still to come. */
  readonly seq: number;
  /** Positions below `seq` not seen yet: re-read on every run until they appear or are given up. */
  readonly gaps: readonly PendingGap[];
}

export const LOG_START: LogPosition = { seq: 0, gaps: [] };

/** Each consumer of a log keeps its own position, independent of the relay's `published_at`. */
export interface ProjectionCheckpoints {
  /** `LOG_START` when the consumer never ran. */
  position(name: string): Promise<LogPosition>;
  save(name: string, position: LogPosition): Promise<void>;
}
