import { UlidGenerator, type AuditEntry, type AuditLog, type AuditQuery, type AuditRecord } from '@xianzhi/core';
import type { OrmContext } from './context.js';
import { AuditRow } from './schemas.js';

export class MikroOrmAuditLog implements AuditLog {
  private readonly ids = new UlidGenerator();
  constructor(private readonly ctx: OrmContext) {}

  async record(entry: AuditRecord): Promise<void> {
    await this.ctx.em().insert(AuditRow, {
      id: this.ids.next(),
      at: entry.at,
      actorKind: entry.actor.kind,
      actorId: entry.actor.id,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      campusId: entry.campusId ?? null,
      details: entry.details ?? {},
    });
  }

  async list(q: AuditQuery): Promise<AuditEntry[]> {
    const where: Record<string, unknown> = {};
    if (q.campusId !== undefined) where['campusId'] = q.campusId;
    if (q.action !== undefined) where['action'] = q.action;
    if (q.actorId !== undefined) where['actorId'] = q.actorId;
    if (q.targetType !== undefined) where['targetType'] = q.targetType;
    if (q.targetId !== undefined) where['targetId'] = q.targetId;
    const and: Record<string, unknown>[] = [];
    if (q.from !== undefined) and.push({ at: { $gte: q.from } });
    if (q.to !== undefined) and.push({ at: { $lt: q.to } });
    if (q.before) {
      and.push({ at: { $lte: q.before.at } }, { $or: [{ at: { $lt: q.before.at } }, { id: { $lt: q.before.id } }] });
    }
    if (and.length > 0) where['$and'] = and;
    const rows = await this.ctx
      .em()
      .find(AuditRow, where, { orderBy: [{ at: 'desc' }, { id: 'desc' }], limit: q.limit });
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: { kind: r.actorKind as AuditEntry['actor']['kind'], id: r.actorId },
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      campusId: r.campusId,
      details: r.details ?? {},
    }));
  }
}
