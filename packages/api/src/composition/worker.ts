import { RetryJobLater, type JobHandler, type RunningConsumer } from '@xianzhi/core';
import type { Logger } from 'pino';
import type { Container } from 'inversify';
import { Background, type PeriodicTask } from './background-tokens.js';
import { resolve, resolveAll } from './token.js';
import { Config } from './tokens.js';
import { Observability } from './observability-tokens.js';
import type { Telemetry } from '../observability/telemetry.js';
import { failureFields } from '../logging.js';

/**
 * How far back, from the last publication, an in-process worker replays events when it starts. An
 * event job gives up after about 4 minutes of retries and a fan-out of thousands of favoriters takes
 * a few minutes more, so an hour covers whatever a stopped or crashed process could have held.
 */
export const IN_PROCESS_REPLAY_MS = 60 * 60_000;

export interface WorkerOptions {
  /** Pause between outbox reads when the last one found nothing. */
  readonly relayIdleMs?: number;
  /** Longest pause between relay attempts while the queue is unreachable (the pause doubles up to it). */
  readonly relayMaxBackoffMs?: number;
  /** Leave out the periodic tasks (tests that only look at event delivery). */
  readonly periodicTasks?: boolean;
}

export interface RunningWorker {
  /** Stops taking work, lets running jobs, tasks and the relay batch finish, closes the queue connections. */
  stop(): Promise<void>;
}

/**
 * The background half of Xianzhi: the outbox relay, every contributed queue consumer (the `events`
 * consumer among them) and the periodic tasks. `main/worker.ts` runs it as a process of its own; the
 * server runs it inside itself when jobs are in-process or the database is SQLite. The database
 * connection belongs to the caller, who closes it after `stop()`.
 */
export async function startWorker(container: Container, options: WorkerOptions = {}): Promise<RunningWorker> {
  const log = resolve(container, Config.Logger).child({ component: 'worker' });
  const backend = resolve(container, Background.Backend);
  const relay = resolve(container, Background.Relay);
  const idleMs = options.relayIdleMs ?? 250;
  const maxBackoffMs = options.relayMaxBackoffMs ?? 10_000;
  let stopping = false;
  const stopSignal = new AbortController();
  const wakers = new Set<() => void>();
  const pause = (ms: number) =>
    new Promise<void>((done) => {
      if (stopping) return done();
      const wake = () => {
        clearTimeout(timer);
        wakers.delete(wake);
        done();
      };
      const timer = setTimeout(wake, ms);
      timer.unref();
      wakers.add(wake);
    });

  // The in-process queue starts empty whatever the last process left undone: a crash (or a stop,
  // which drops waiting jobs too) must not lose what it held, so recent events go out once more.
  if (backend.kind === 'in-process') {
    const replayed = await relay.replayRecent(IN_PROCESS_REPLAY_MS);
    if (replayed > 0)
      log.info(
        { replayed, windowMs: IN_PROCESS_REPLAY_MS },
        'in-process queue: replaying recently published events (handlers are idempotent)',
      );
  }

  const telemetry = resolve(container, Observability.Telemetry);
  const consumers: RunningConsumer[] = await Promise.all(
    resolveAll(container, Background.QueueConsumer).map((c) =>
      backend.consumers.consume(c.queue, logged(c.handler, c.options.maxAttempts, log, telemetry), c.options),
    ),
  );

  const relayLoop = (async () => {
    let failures = 0;
    while (!stopping) {
      let next = idleMs;
      try {
        const { published, jobs } = await relay.execute();
        if (failures > 0) log.info({ failures }, 'outbox relay works again');
        failures = 0;
        if (published > 0) {
          log.debug({ published, jobs }, 'relayed outbox events');
          next = 0;
        }
      } catch (err) {
        failures += 1;
        next = Math.min(idleMs * 2 ** failures, maxBackoffMs);
        // The events stay in the outbox; nothing is lost, delivery is only late.
        log.warn(
          { ...failureFields(err), failures, retryInMs: next },
          'outbox relay failed (queue or database unreachable); the events wait in the outbox',
        );
      }
      if (next > 0) await pause(next);
    }
  })();

  const tasks =
    options.periodicTasks === false ? [] : resolveAll(container, Background.PeriodicTask).filter((t) => t.everyMs > 0);
  const taskLoops = tasks.map((task) =>
    (async () => {
      while (!stopping) {
        // Redis not answering: run it anyway, tasks are safe twice and must not stop with the queue.
        const mine = await backend.takeTaskLease(task.name, task.everyMs).catch(() => true);
        if (mine) await runTask(task, log, stopSignal.signal);
        await pause(task.everyMs);
      }
    })(),
  );

  log.info(
    {
      queue: backend.kind,
      consumers: resolveAll(container, Background.QueueConsumer).map((c) => c.queue),
      subscribers: resolveAll(container, Background.EventSubscriber).map((s) => s.name),
      tasks: tasks.map((t) => t.name),
    },
    'worker started',
  );

  let stopped: Promise<void> | null = null;
  return {
    stop: () =>
      (stopped ??= (async () => {
        stopping = true;
        stopSignal.abort();
        for (const wake of [...wakers]) wake();
        await relayLoop;
        await Promise.all(taskLoops);
        await Promise.all(consumers.map((c) => c.close()));
        await backend.close();
        log.info('worker stopped');
      })()),
  };
}

/** Each failed attempt leaves a line (which job, which attempt, whether another comes) and a count. */
function logged<P>(handler: JobHandler<P>, maxAttempts: number, log: Logger, telemetry: Telemetry): JobHandler<P> {
  return async (job) => {
    try {
      await handler(job);
    } catch (err) {
      const context = { queue: job.queue, key: job.key, attempt: job.attempt, maxAttempts };
      if (err instanceof RetryJobLater)
        log.info({ ...context, retryInMs: err.delayMs, reason: err.message }, 'job asks to be retried later');
      else {
        telemetry.jobFailed(job.queue, job.attempt >= maxAttempts);
        log.warn(
          { ...context, ...failureFields(err) },
          job.attempt < maxAttempts ? 'job attempt failed; it will be retried' : 'job failed on its last attempt',
        );
      }
      throw err;
    }
  };
}

async function runTask(task: PeriodicTask, log: Logger, signal: AbortSignal): Promise<void> {
  try {
    const outcome = await task.run(signal);
    if (outcome && typeof outcome === 'object' && Object.values(outcome).some((v) => typeof v === 'number' && v > 0)) {
      log.info({ task: task.name, ...outcome }, `${task.name} done`);
    }
  } catch (err) {
    // An outage is a warning (the next run retries, as for a relay); anything else may be a bug.
    const fields = { ...failureFields(err), task: task.name };
    if ('reason' in fields) log.warn(fields, `${task.name} failed: database unavailable; next run as scheduled`);
    else log.error(fields, `${task.name} failed; next run as scheduled`);
  }
}
