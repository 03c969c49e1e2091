import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Background, type PeriodicTask } from '../src/composition/background-tokens.js';
import { eventually, startWorkerStack, type WorkerStack } from './support/queues.js';

/** Several workers on Redis: each periodic task runs in one of them per tick, not in all. */
describe('periodic tasks with two workers on BullMQ', () => {
  const runs: { at: number }[] = [];
  const task: PeriodicTask = {
    name: 'test-counter',
    everyMs: 200,
    run: async () => void runs.push({ at: Date.now() }),
  };
  let s: WorkerStack;
  beforeAll(async () => {
    s = await startWorkerStack('bullmq', {
      customize: (c) => void c.bind(Background.PeriodicTask).toConstantValue(task),
    });
    await s.addWorker();
  }, 60_000);
  afterAll(() => s?.close());

  it('runs a task about once per period across both workers', async () => {
    await eventually(() => runs.length > 0);
    const from = runs.length;
    const started = Date.now();
    await new Promise((r) => setTimeout(r, 1500));
    const ticks = runs.length - from;
    const periods = (Date.now() - started) / task.everyMs;
    // Each worker alone would tick ~7 times: both without a lease would make ~15.
    expect(ticks).toBeGreaterThanOrEqual(2);
    expect(ticks).toBeLessThanOrEqual(Math.ceil(periods) + 1);
  });
});
