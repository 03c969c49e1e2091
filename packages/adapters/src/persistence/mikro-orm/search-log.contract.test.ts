import { searchLogContract } from '@xianzhi/core/testing';
import { describe, expect, it } from 'vitest';
import { HmacSearcherKeys } from '../../security/hmac-searcher-keys.js';
import { onRealDatabases } from './test-databases.js';

onRealDatabases('searchlog', (name, fresh) => {
  searchLogContract(name, async () => {
    const p = await fresh();
    return { log: p.searchLog, blocked: p.blockedSearchTerms, dispose: async () => {} };
  });
});

describe('HmacSearcherKeys', () => {
  it('gives one key per identity, day and term, and different ones for another day, term or secret', () => {
    const keys = new HmacSearcherKeys('a-secret-of-at-least-thirty-two-characters');
    const k = keys.keyFor('u:1', '2026-09-01', '自行车');
    expect(k).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(keys.keyFor('u:1', '2026-09-01', '自行车')).toBe(k);
    expect(
      new Set([
        k,
        keys.keyFor('u:1', '2026-09-02', '自行车'),
        keys.keyFor('u:1', '2026-09-01', '台灯'),
        keys.keyFor('u:2', '2026-09-01', '自行车'),
        new HmacSearcherKeys('another-secret-of-thirty-two-characters!').keyFor('u:1', '2026-09-01', '自行车'),
      ]).size,
    ).toBe(5);
    expect(k).not.toContain('u:1');
  });
});
