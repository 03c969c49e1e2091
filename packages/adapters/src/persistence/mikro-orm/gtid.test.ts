import { describe, expect, it } from 'vitest';
import { gtidCovers, isGtidPosition, parseGtidPosition } from './gtid.js';

describe('MariaDB GTID positions', () => {
  it('reads one sequence per domain', () => {
    expect(parseGtidPosition('0-1-42,1-2-7')).toEqual(
      new Map([
        [0, 42n],
        [1, 7n],
      ]),
    );
    expect(parseGtidPosition('')).toEqual(new Map());
  });

  it('covers a position domain by domain, whichever server wrote it', () => {
    expect(gtidCovers('0-1-42', '0-1-42')).toBe(true);
    expect(gtidCovers('0-1-43', '0-1-42')).toBe(true);
    expect(gtidCovers('0-1-41', '0-1-42')).toBe(false);
    // After a failover the domain's sequence goes on under another server id.
    expect(gtidCovers('0-2-50', '0-1-42')).toBe(true);
    expect(gtidCovers('0-1-99', '0-1-5,1-1-3')).toBe(false);
    expect(gtidCovers('0-1-99,1-3-3', '0-1-5,1-1-3')).toBe(true);
    expect(gtidCovers('0-1-1', '')).toBe(true);
    expect(gtidCovers('', '0-1-1')).toBe(false);
    // Sequences past 2^53 compare exactly.
    expect(gtidCovers('0-1-9007199254740993', '0-1-9007199254740992')).toBe(true);
  });

  it('refuses what is no position', () => {
    expect(isGtidPosition('0-1-2')).toBe(true);
    expect(isGtidPosition('abc')).toBe(false);
    expect(isGtidPosition('3E11FA47-71CA-11E1-9E33-C80AA9429562:23')).toBe(false);
  });
});
