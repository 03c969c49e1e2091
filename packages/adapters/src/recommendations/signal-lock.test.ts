import { RECS_VIEWS_CHECKPOINT } from '@xianzhi/core';
import { expect, it } from 'vitest';
import { onRealDatabases } from '../persistence/mikro-orm/test-databases.js';

onRealDatabases('recslock', (name, fresh) => {
  it(`${name}: two first-ever signal jobs at once run one after the other (the lock creates its row and serialises them)`, async () => {
    const p = await fresh();
    const order: string[] = [];
    const job = (label: string) =>
      p.uow.run(async () => {
        await p.signals.lock();
        order.push(`${label} locked`);
        // Hold the lock across a turn of the event loop so the other job is certainly waiting on it.
        await new Promise((resolve) => setTimeout(resolve, 50));
        order.push(`${label} done`);
      });
    await Promise.all([job('a'), job('b')]);
    // Serialised: whichever locked first finished before the other locked.
    expect([order[0]!.split(' ')[0], order[1]!.split(' ')[0]]).toEqual([
      order[0]!.split(' ')[0],
      order[0]!.split(' ')[0],
    ]);
    expect(
      await p.raw(`select last_seq from projection_checkpoint where name = '${RECS_VIEWS_CHECKPOINT}'`),
    ).toHaveLength(1);
  });
});
