import {
  RetryJobLater,
  type ConsumerOptions,
  type JobConsumers,
  type JobHandler,
  type JobQueue,
  type JobSpec,
  type ReceivedJob,
  type RunningConsumer,
} from '@xianzhi/core';
import type { QueueCounts } from '../bullmq/bullmq-job-queue.js';

export interface InProcessJobQueueOptions {
  /** How long a finished (or exhausted) key keeps absorbing duplicates; BullMQ keeps them as long. */
  readonly keepFinishedMs?: number;
  /** Where a failing `onExhausted` is reported; the job is finished either way. */
  readonly onError?: (error: unknown, job: ReceivedJob) => void;
}

interface StoredJob {
  readonly queue: string;
  readonly key: string;
  readonly payload: unknown;
  attempt: number;
  readyAt: number;
  state: 'waiting' | 'running' | 'finished';
  finishedAt: number;
}

interface Consumer {
  readonly queue: string;
  readonly handler: JobHandler<unknown>;
  readonly options: ConsumerOptions;
  running: number;
  closing: boolean;
  readonly settled: Set<Promise<void>>;
}

/**
 * The embedded platform's queue: jobs live in this process's memory, so a crash forgets the jobs
 * that were waiting (their events are already marked published). The worker makes up for it when it
 * starts, by replaying recently published events (`startWorker`); production uses BullMQ, where jobs
 * survive any process.
 * Timers are unref'd and never keep a process alive.
 */
export class InProcessJobQueue implements JobQueue, JobConsumers {
  /** Every known key, finished ones included (they absorb duplicates for a while). */
  private readonly jobs = new Map<string, StoredJob>();
  /** Finished jobs in the order they finished, so forgetting the expired ones reads only the front. */
  private finished: StoredJob[] = [];
  /** Per queue, the jobs not yet taken, oldest first; a retried job goes to the back. */
  private readonly waiting = new Map<string, StoredJob[]>();
  private readonly consumers = new Set<Consumer>();
  private readonly timers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private readonly keepFinishedMs: number;
  private closed = false;

  constructor(private readonly options: InProcessJobQueueOptions = {}) {
    this.keepFinishedMs = options.keepFinishedMs ?? 60 * 60_000;
  }

  async enqueue(specs: readonly JobSpec[]): Promise<void> {
    if (this.closed) throw new Error('the in-process job queue is closed');
    const now = Date.now();
    this.forgetFinished(now);
    const touched = new Set<string>();
    for (const spec of specs) {
      const id = jobId(spec.queue, spec.key);
      if (this.jobs.has(id)) continue;
      // A round trip through JSON, as Redis does: a payload that is not plain JSON fails here in embedded mode too.
      const payload: unknown = JSON.parse(JSON.stringify(spec.payload ?? null));
      const job: StoredJob = {
        queue: spec.queue,
        key: spec.key,
        payload,
        attempt: 1,
        readyAt: now + Math.max(0, spec.delayMs ?? 0),
        state: 'waiting',
        finishedAt: 0,
      };
      this.jobs.set(id, job);
      this.waitingIn(spec.queue).push(job);
      touched.add(spec.queue);
    }
    for (const queue of touched) this.pump(queue);
  }

  async consume<P>(queue: string, handler: JobHandler<P>, options: ConsumerOptions): Promise<RunningConsumer> {
    if (this.closed) throw new Error('the in-process job queue is closed');
    if (!(options.concurrency >= 1)) throw new Error('concurrency must be at least 1');
    const consumer: Consumer = {
      queue,
      handler: handler as JobHandler<unknown>,
      options,
      running: 0,
      closing: false,
      settled: new Set(),
    };
    this.consumers.add(consumer);
    this.pump(queue);
    return { close: () => this.closeConsumer(consumer) };
  }

  /** This process's jobs per state in each queue that has had any. */
  counts(): Map<string, QueueCounts> {
    const now = Date.now();
    const out = new Map<string, QueueCounts>();
    const of = (queue: string) => out.get(queue) ?? { waiting: 0, active: 0, delayed: 0, failed: 0 };
    for (const [queue, list] of this.waiting) {
      const ready = list.filter((j) => j.readyAt <= now).length;
      out.set(queue, { ...of(queue), waiting: ready, delayed: list.length - ready });
    }
    for (const consumer of this.consumers) {
      const c = of(consumer.queue);
      out.set(consumer.queue, { ...c, active: c.active + consumer.running });
    }
    return out;
  }

  /** Stops every consumer (waiting for their running jobs) and refuses further jobs. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.consumers].map((c) => this.closeConsumer(c)));
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async closeConsumer(consumer: Consumer): Promise<void> {
    consumer.closing = true;
    this.consumers.delete(consumer);
    while (consumer.settled.size > 0) await Promise.all([...consumer.settled]);
  }

  private pump(queue: string): void {
    const now = Date.now();
    let nextAt = Infinity;
    for (const consumer of this.consumers) {
      if (consumer.queue !== queue || consumer.closing) continue;
      while (consumer.running < consumer.options.concurrency) {
        const next = this.nextReady(queue, now);
        if (!next.job) {
          nextAt = Math.min(nextAt, next.earliest);
          break;
        }
        this.run(consumer, next.job);
      }
    }
    if (nextAt !== Infinity) this.wakeAt(queue, nextAt);
  }

  /** Takes the oldest ready job, or tells when the next delayed one becomes ready. */
  private nextReady(queue: string, now: number): { job?: StoredJob; earliest: number } {
    const waiting = this.waitingIn(queue);
    let earliest = Infinity;
    for (let i = 0; i < waiting.length; i++) {
      const job = waiting[i]!;
      if (job.readyAt <= now) {
        waiting.splice(i, 1);
        return { job, earliest };
      }
      earliest = Math.min(earliest, job.readyAt);
    }
    return { earliest };
  }

  private waitingIn(queue: string): StoredJob[] {
    let list = this.waiting.get(queue);
    if (!list) this.waiting.set(queue, (list = []));
    return list;
  }

  private wakeAt(queue: string, at: number): void {
    const current = this.timers.get(queue);
    if (current && current.at <= at) return;
    if (current) clearTimeout(current.timer);
    const timer = setTimeout(
      () => {
        this.timers.delete(queue);
        this.pump(queue);
      },
      Math.max(0, at - Date.now()),
    );
    timer.unref();
    this.timers.set(queue, { at, timer });
  }

  private run(consumer: Consumer, job: StoredJob): void {
    job.state = 'running';
    consumer.running += 1;
    const received: ReceivedJob = { queue: job.queue, key: job.key, payload: job.payload, attempt: job.attempt };
    const settled = (async () => {
      try {
        await consumer.handler(received);
        this.finish(job);
      } catch (error) {
        await this.failed(consumer, job, received, error);
      }
    })().finally(() => {
      consumer.running -= 1;
      consumer.settled.delete(settled);
      if (!this.closed) this.pump(job.queue);
    });
    consumer.settled.add(settled);
  }

  private async failed(consumer: Consumer, job: StoredJob, received: ReceivedJob, error: unknown): Promise<void> {
    const { maxAttempts, backoffMs, onExhausted } = consumer.options;
    if (job.attempt >= maxAttempts) {
      this.finish(job);
      try {
        await onExhausted?.(received, error);
      } catch (reported) {
        this.options.onError?.(reported, received);
      }
      return;
    }
    const delay = error instanceof RetryJobLater ? error.delayMs : backoffMs * 2 ** (job.attempt - 1);
    job.attempt += 1;
    job.readyAt = Date.now() + Math.max(0, delay);
    job.state = 'waiting';
    this.waitingIn(job.queue).push(job);
  }

  private finish(job: StoredJob): void {
    job.state = 'finished';
    job.finishedAt = Date.now();
    this.finished.push(job);
  }

  private forgetFinished(now: number): void {
    let expired = 0;
    while (expired < this.finished.length && now - this.finished[expired]!.finishedAt >= this.keepFinishedMs) {
      this.jobs.delete(jobId(this.finished[expired]!.queue, this.finished[expired]!.key));
      expired += 1;
    }
    if (expired > 0) this.finished = this.finished.slice(expired);
  }
}

function jobId(queue: string, key: string): string {
  return `${queue}\u0000${key}`;
}
