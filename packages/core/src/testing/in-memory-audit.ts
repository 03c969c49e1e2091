import {
  matchesAuditFilters,
  type AuditEntry,
  type AuditLog,
  type AuditQuery,
  type AuditRecord,
} from '../shared/audit.js';
import { UlidGenerator } from '../shared/ids.js';
import type { InMemoryStore } from './in-memory-store.js';
import { cmp } from './order.js';

export class InMemoryAuditLog implements AuditLog {
  private readonly ids = new UlidGenerator();
  constructor(private readonly store: InMemoryStore) {}
  async record(entry: AuditRecord): Promise<void> {
    const id = this.ids.next();
    this.store.tables.audit.set(
      id,
      structuredClone({
        ...entry,
        id,
        campusId: entry.campusId ?? null,
        details: entry.details ?? {},
      }),
    );
  }
  async list(q: AuditQuery): Promise<AuditEntry[]> {
    const newerFirst = (a: { at: Date; id: string }, b: { at: Date; id: string }) =>
      cmp(b.at.getTime(), a.at.getTime()) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
    const before = q.before;
    return [...this.store.tables.audit.values()]
      .filter((e) => matchesAuditFilters(e, q))
      .filter((e) => !before || newerFirst(e, before) > 0)
      .sort(newerFirst)
      .slice(0, q.limit)
      .map((e) => structuredClone(e));
  }
}
