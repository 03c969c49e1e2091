import { describe, expect, it } from 'vitest';
import { TestClock } from '../testing/builders.js';
import { RecordActivity, type ActiveUserLog } from './activity.js';

describe('RecordActivity', () => {
  it('writes each student at most once per China day and process, again the next day, and survives a failed write', async () => {
    const writes: string[] = [];
    let failNext = false;
    const log: ActiveUserLog = {
      record: async (userId, campusId, day) => {
        if (failNext) {
          failNext = false;
          throw new Error('database away');
        }
        writes.push(`${userId}@${campusId}@${day}`);
      },
    };
    // 2026-09-10 23:30 in China.
    const clock = new TestClock(new Date('2026-09-10T15:30:00.000Z'));
    const activity = new RecordActivity(log, clock);
    const alice = { id: 'alice', campusId: 'demo' };
    failNext = true;
    await activity.execute(alice);
    await activity.execute(alice);
    await activity.execute(alice);
    await activity.execute({ id: 'bob', campusId: 'demo' });
    clock.advance(60 * 60 * 1000);
    await activity.execute(alice);
    expect(writes).toEqual(['alice@demo@2026-09-10', 'bob@demo@2026-09-10', 'alice@demo@2026-09-11']);
  });
});
