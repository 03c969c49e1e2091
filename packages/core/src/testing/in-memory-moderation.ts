import type {
  ModerationCase,
  ModerationCaseRepository,
  ModerationTargetType,
  OpenCasesQuery,
  Report,
  ReportRepository,
} from '../moderation/cases.js';

const cloneCase = (c: ModerationCase): ModerationCase => ({
  ...c,
  uncheckedFields: [...c.uncheckedFields],
  openedAt: new Date(c.openedAt),
  updatedAt: new Date(c.updatedAt),
  resolvedAt: c.resolvedAt ? new Date(c.resolvedAt) : null,
});

/** Moderation cases in a map; the one-open-case-per-target rule is enforced as the unique index does. */
export class InMemoryModerationCaseRepository implements ModerationCaseRepository {
  constructor(readonly table = new Map<string, ModerationCase>()) {}
  async byId(id: string): Promise<ModerationCase | null> {
    const c = this.table.get(id);
    return c ? cloneCase(c) : null;
  }
  async openFor(targetType: ModerationTargetType, targetId: string): Promise<ModerationCase | null> {
    const c = [...this.table.values()].find(
      (x) => x.status === 'open' && x.targetType === targetType && x.targetId === targetId,
    );
    return c ? cloneCase(c) : null;
  }
  async open(candidate: ModerationCase): Promise<ModerationCase> {
    const existing = await this.openFor(candidate.targetType, candidate.targetId);
    if (existing) return existing;
    await this.save(candidate);
    return cloneCase(candidate);
  }
  async save(c: ModerationCase): Promise<void> {
    if (c.status === 'open') {
      const clash = [...this.table.values()].find(
        (x) => x.id !== c.id && x.status === 'open' && x.targetType === c.targetType && x.targetId === c.targetId,
      );
      if (clash) throw new Error(`a second open case for ${c.targetType}:${c.targetId}`);
    }
    this.table.set(c.id, cloneCase(c));
  }
  async listOpen(q: OpenCasesQuery): Promise<ModerationCase[]> {
    const key = (c: ModerationCase) => [c.updatedAt.getTime(), c.id] as const;
    return [...this.table.values()]
      .filter((c) => c.status === 'open' && (q.campusId === undefined || c.campusId === q.campusId))
      .filter(
        (c) =>
          !q.before ||
          key(c)[0] < q.before.updatedAt.getTime() ||
          (key(c)[0] === q.before.updatedAt.getTime() && c.id < q.before.id),
      )
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || (a.id < b.id ? 1 : -1))
      .slice(0, q.limit)
      .map(cloneCase);
  }
  async forTarget(targetType: ModerationTargetType, targetId: string, limit: number): Promise<ModerationCase[]> {
    return [...this.table.values()]
      .filter((c) => c.targetType === targetType && c.targetId === targetId)
      .sort((a, b) => b.openedAt.getTime() - a.openedAt.getTime() || (a.id < b.id ? 1 : -1))
      .slice(0, limit)
      .map(cloneCase);
  }
}

export class InMemoryReportRepository implements ReportRepository {
  constructor(readonly table = new Map<string, Report>()) {}
  async add(r: Report): Promise<boolean> {
    const dup = [...this.table.values()].some(
      (x) => x.reporterId === r.reporterId && x.targetType === r.targetType && x.targetId === r.targetId,
    );
    if (dup) return false;
    this.table.set(r.id, { ...r, createdAt: new Date(r.createdAt) });
    return true;
  }
  async forCase(caseId: string): Promise<Report[]> {
    return [...this.table.values()]
      .filter((r) => r.caseId === caseId)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
      .map((r) => ({ ...r, createdAt: new Date(r.createdAt) }));
  }
}
