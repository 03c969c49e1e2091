import { EntitySchema, LockMode } from '@mikro-orm/core';
import type {
  CaseStatus,
  ModerationCase,
  ModerationCaseRepository,
  ModerationTargetType,
  OpenCasesQuery,
  Report,
  ReportReason,
  ReportRepository,
  ReportTargetType,
} from '@xianzhi/core';
import type { OrmContext } from './context.js';

export class ModerationCaseRow {
  id!: string;
  targetType!: string;
  targetId!: string;
  campusId!: string;
  status!: string;
  openKey!: string | null;
  reportCount!: number;
  uncheckedFields!: string;
  hidden!: boolean;
  hiddenFromStatus!: string | null;
  openedAt!: Date;
  updatedAt!: Date;
  resolvedAt!: Date | null;
  resolvedBy!: string | null;
  resolution!: string | null;
}

export const ModerationCaseSchema = new EntitySchema<ModerationCaseRow>({
  class: ModerationCaseRow,
  tableName: 'moderation_case',
  properties: {
    id: { type: 'string', length: 26, primary: true },
    targetType: { type: 'string', length: 16 },
    targetId: { type: 'string', length: 26 },
    campusId: { type: 'string', length: 64 },
    status: { type: 'string', length: 16 },
    openKey: { type: 'string', length: 48, nullable: true },
    reportCount: { type: 'integer' },
    uncheckedFields: { type: 'string', length: 200 },
    hidden: { type: 'boolean' },
    hiddenFromStatus: { type: 'string', length: 16, nullable: true },
    openedAt: { type: 'datetime', length: 3 },
    updatedAt: { type: 'datetime', length: 3 },
    resolvedAt: { type: 'datetime', length: 3, nullable: true },
    resolvedBy: { type: 'string', length: 26, nullable: true },
    resolution: { type: 'string', length: 200, nullable: true },
  },
});

export class ReportRow {
  id!: string;
  caseId!: string;
  targetType!: string;
  targetId!: string;
  reporterId!: string;
  reason!: string;
  details!: string;
  createdAt!: Date;
}

export const ReportSchema = new EntitySchema<ReportRow>({
  class: ReportRow,
  tableName: 'content_report',
  properties: {
    id: { type: 'string', length: 26, primary: true },
    caseId: { type: 'string', length: 26 },
    targetType: { type: 'string', length: 16 },
    targetId: { type: 'string', length: 26 },
    reporterId: { type: 'string', length: 26 },
    reason: { type: 'string', length: 16 },
    details: { type: 'text' },
    createdAt: { type: 'datetime', length: 3 },
  },
});

const toCase = (r: ModerationCaseRow): ModerationCase => ({
  id: r.id,
  targetType: r.targetType as ModerationTargetType,
  targetId: r.targetId,
  campusId: r.campusId,
  status: r.status as CaseStatus,
  reportCount: r.reportCount,
  uncheckedFields: r.uncheckedFields === '' ? [] : r.uncheckedFields.split(','),
  hidden: Boolean(r.hidden),
  hiddenFromStatus: r.hiddenFromStatus,
  openedAt: new Date(r.openedAt),
  updatedAt: new Date(r.updatedAt),
  resolvedAt: r.resolvedAt ? new Date(r.resolvedAt) : null,
  resolvedBy: r.resolvedBy,
  resolution: r.resolution,
});

const openKeyOf = (c: Pick<ModerationCase, 'status' | 'targetType' | 'targetId'>) =>
  c.status === 'open' ? `${c.targetType}:${c.targetId}` : null;

/**
 * Cases are read outside the identity map and written with native statements: a row the unit's
 * EntityManager held would be written back by the next flush in the unit (the outbox append, the commit),
 * and on SQLite a loaded row's dates always count as changed, so `updated_at` went back to its old value.
 */
export class MikroOrmModerationCaseRepository implements ModerationCaseRepository {
  constructor(private readonly ctx: OrmContext) {}

  async byId(id: string): Promise<ModerationCase | null> {
    const r = await this.ctx.em().findOne(ModerationCaseRow, { id }, { refresh: true, disableIdentityMap: true });
    return r ? toCase(r) : null;
  }

  async openFor(targetType: ModerationTargetType, targetId: string): Promise<ModerationCase | null> {
    const r = await this.ctx
      .em()
      .findOne(
        ModerationCaseRow,
        { openKey: openKeyOf({ status: 'open', targetType, targetId }) },
        { refresh: true, disableIdentityMap: true },
      );
    return r ? toCase(r) : null;
  }

  async open(candidate: ModerationCase): Promise<ModerationCase> {
    const em = this.ctx.em();
    const key = openKeyOf({ status: 'open', targetType: candidate.targetType, targetId: candidate.targetId });
    // The unique open_key decides between two first reports, and a locking read sees the winner's row even
    // inside a snapshot. On a duplicate the insert "updates" open_key to itself rather than being ignored: an
    // ignored insert leaves a shared lock on the winner's row, and two losers that both upgrade it to the
    // locking read's exclusive one deadlock; the update takes the exclusive lock at once, so losers queue.
    // SQLite has one writer at a time, so there is no snapshot to see past.
    await em
      .createQueryBuilder(ModerationCaseRow)
      .insert({ id: candidate.id, ...this.row({ ...candidate, status: 'open' }) })
      .onConflict(['openKey'])
      .merge(['openKey'])
      .execute('run');
    const row = await em.findOne(
      ModerationCaseRow,
      { openKey: key },
      {
        refresh: true,
        disableIdentityMap: true,
        ...(this.ctx.inTransaction && this.ctx.dialect === 'mysql' ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}),
      },
    );
    if (!row) throw new Error(`moderation case for ${key} vanished while being opened`);
    return toCase(row);
  }

  private row(c: ModerationCase) {
    return {
      targetType: c.targetType,
      targetId: c.targetId,
      campusId: c.campusId,
      status: c.status,
      openKey: openKeyOf(c),
      reportCount: c.reportCount,
      uncheckedFields: c.uncheckedFields.join(','),
      hidden: c.hidden,
      hiddenFromStatus: c.hiddenFromStatus,
      openedAt: c.openedAt,
      updatedAt: c.updatedAt,
      resolvedAt: c.resolvedAt,
      resolvedBy: c.resolvedBy,
      resolution: c.resolution,
    };
  }

  async save(c: ModerationCase): Promise<void> {
    const em = this.ctx.em();
    const row = this.row(c);
    const updated = await em.nativeUpdate(ModerationCaseRow, { id: c.id }, row);
    if (updated === 0) await em.insert(ModerationCaseRow, { id: c.id, ...row });
  }

  async listOpen(q: OpenCasesQuery): Promise<ModerationCase[]> {
    const where: Record<string, unknown> = { status: 'open' };
    if (q.campusId !== undefined) where['campusId'] = q.campusId;
    if (q.before) {
      where['$or'] = [
        { updatedAt: { $lt: q.before.updatedAt } },
        { updatedAt: q.before.updatedAt, id: { $lt: q.before.id } },
      ];
    }
    const rows = await this.ctx.em().find(ModerationCaseRow, where, {
      orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
      limit: q.limit,
      refresh: true,
      disableIdentityMap: true,
    });
    return rows.map(toCase);
  }

  async forTarget(targetType: ModerationTargetType, targetId: string, limit: number): Promise<ModerationCase[]> {
    const rows = await this.ctx
      .em()
      .find(
        ModerationCaseRow,
        { targetType, targetId },
        { orderBy: [{ openedAt: 'desc' }, { id: 'desc' }], limit, refresh: true, disableIdentityMap: true },
      );
    return rows.map(toCase);
  }
}

export class MikroOrmReportRepository implements ReportRepository {
  constructor(private readonly ctx: OrmContext) {}

  async add(r: Report): Promise<boolean> {
    // The unique index (reporter, target) decides, so two taps at once still store one report.
    const result = await this.ctx
      .em()
      .createQueryBuilder(ReportRow)
      .insert({
        id: r.id,
        caseId: r.caseId,
        targetType: r.targetType,
        targetId: r.targetId,
        reporterId: r.reporterId,
        reason: r.reason,
        details: r.details,
        createdAt: r.createdAt,
      })
      .onConflict(['reporterId', 'targetType', 'targetId'])
      .ignore()
      .execute<{ affectedRows?: number }>('run');
    return result.affectedRows === 1;
  }

  async forCase(caseId: string): Promise<Report[]> {
    const rows = await this.ctx
      .em()
      .find(
        ReportRow,
        { caseId },
        { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], refresh: true, disableIdentityMap: true },
      );
    return rows.map((r) => ({
      id: r.id,
      caseId: r.caseId,
      targetType: r.targetType as ReportTargetType,
      targetId: r.targetId,
      reporterId: r.reporterId,
      reason: r.reason as ReportReason,
      details: r.details,
      createdAt: new Date(r.createdAt),
    }));
  }
}
