import { GetHotSearches, HOT_SEARCH } from '@xianzhi/core';
import { InMemoryBlockedSearchTerms, InMemorySearchLog, TestClock } from '@xianzhi/core/testing';
import { describe, expect, it } from 'vitest';
import { seedDemoSearches } from '../src/seed/demo-searches.js';

describe('demo searches', () => {
  it('give the fresh demo campus a top 10 of hot searches, once', async () => {
    const clock = new TestClock(new Date('2026-11-25T02:00:00.000Z'));
    const log = new InMemorySearchLog();
    const recorded = await seedDemoSearches(log, clock.now());
    expect(recorded).toBeGreaterThan(100);
    const hot = await new GetHotSearches(log, new InMemoryBlockedSearchTerms(), clock).execute({ campusId: 'demo' });
    expect(hot).toHaveLength(HOT_SEARCH.top);
    expect(hot.map((h) => h.term)).toContain('自行车');
    expect(hot.map((h) => h.term)).toContain('ipad');
    expect(await seedDemoSearches(log, clock.now())).toBe(0);
  });
});
