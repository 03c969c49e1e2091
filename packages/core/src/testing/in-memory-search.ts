import {
  LOG_START,
  type LoggedEvent,
  type LogPosition,
  type OutboxLog,
  type ProjectionCheckpoints,
  type SeqRange,
} from '../shared/projection.js';
import type { InMemoryStore } from './in-memory-store.js';
import type { IndexedListing, IndexedToken, Posting, SearchIndexStore } from '../listings/search.js';

/** The token index in a map: what the SQL store keeps in `search_token`. */
export class InMemorySearchIndexStore implements SearchIndexStore {
  private readonly byListing = new Map<string, { campusId: string; listedAt: Date; tokens: IndexedToken[] }>();

  async replace(listing: IndexedListing, tokens: readonly IndexedToken[]): Promise<void> {
    this.byListing.set(listing.id, { campusId: listing.campusId, listedAt: listing.listedAt, tokens: [...tokens] });
  }

  async remove(listingId: string): Promise<void> {
    this.byListing.delete(listingId);
  }

  async clear(campusId: string): Promise<void> {
    for (const [id, e] of this.byListing) if (e.campusId === campusId) this.byListing.delete(id);
  }

  async lookup(campusId: string, tokens: readonly string[], perTokenAndField?: number): Promise<Posting[]> {
    const wanted = new Set(tokens);
    const out: Posting[] = [];
    for (const [listingId, entry] of this.byListing) {
      if (entry.campusId !== campusId) continue;
      for (const t of entry.tokens)
        if (wanted.has(t.token)) out.push({ listingId, token: t.token, field: t.field, listedAt: entry.listedAt });
    }
    if (perTokenAndField === undefined) return out;
    // As the SQL store: the freshest listings (latest listedAt, then highest id) of each token and field.
    const kept = new Map<string, number>();
    return out
      .sort((a, b) => b.listedAt.getTime() - a.listedAt.getTime() || (a.listingId < b.listingId ? 1 : -1))
      .filter((p) => {
        const key = `${p.token}\u0000${p.field}`;
        const n = kept.get(key) ?? 0;
        kept.set(key, n + 1);
        return n < perTokenAndField;
      });
  }
}

/** The in-memory outbox as a log, in append order. */
export class InMemoryOutboxLog implements OutboxLog {
  constructor(private readonly store: InMemoryStore) {}
  async after(seq: number, limit: number): Promise<LoggedEvent[]> {
    return this.read((s) => s > seq, limit);
  }
  async within(ranges: readonly SeqRange[], limit: number): Promise<LoggedEvent[]> {
    return this.read((s) => ranges.some((r) => s >= r.from && s <= r.to), limit);
  }
  async lastSeq(): Promise<number> {
    return Math.max(0, ...[...this.store.tables.outbox.values()].map((r) => r.seq));
  }
  private read(wanted: (seq: number) => boolean, limit: number): LoggedEvent[] {
    return [...this.store.tables.outbox.values()]
      .filter((r) => wanted(r.seq))
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit)
      .map((r) => ({ seq: r.seq, event: structuredClone(r.event) }));
  }
}

export class InMemoryProjectionCheckpoints implements ProjectionCheckpoints {
  private readonly positions = new Map<string, LogPosition>();
  async position(name: string): Promise<LogPosition> {
    return structuredClone(this.positions.get(name) ?? LOG_START);
  }
  async save(name: string, position: LogPosition): Promise<void> {
    this.positions.set(name, structuredClone(position));
  }
}
