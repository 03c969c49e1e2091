import { EntitySchema } from '@mikro-orm/core';
import type { SynonymGroup, SynonymRepository } from '@xianzhi/core';
import type { OrmContext } from './context.js';

export class SynonymRow {
  id!: string;
  campusId!: string;
  /** The words as a JSON array, in the admin's order. */
  terms!: string;
  createdAt!: Date;
  createdBy!: string;
  updatedAt!: Date;
  updatedBy!: string;
}

export const SynonymSchema = new EntitySchema<SynonymRow>({
  class: SynonymRow,
  tableName: 'search_synonym',
  properties: {
    id: { type: 'string', length: 26, primary: true },
    campusId: { type: 'string', length: 40 },
    terms: { type: 'text' },
    createdAt: { type: 'datetime', length: 3 },
    createdBy: { type: 'string', length: 26 },
    updatedAt: { type: 'datetime', length: 3 },
    updatedBy: { type: 'string', length: 26 },
  },
});

const toGroup = (r: SynonymRow): SynonymGroup => ({
  id: r.id,
  campusId: r.campusId,
  terms: JSON.parse(r.terms) as string[],
  createdAt: new Date(r.createdAt),
  createdBy: r.createdBy,
  updatedAt: new Date(r.updatedAt),
  updatedBy: r.updatedBy,
});

/** A campus's synonym groups in `search_synonym`, one row per group. */
export class MikroOrmSynonyms implements SynonymRepository {
  constructor(private readonly ctx: OrmContext) {}

  async forCampus(campusId: string): Promise<SynonymGroup[]> {
    const rows = await this.ctx.em().find(SynonymRow, { campusId }, { refresh: true, disableIdentityMap: true });
    return rows.map(toGroup);
  }

  async byId(id: string): Promise<SynonymGroup | null> {
    const r = await this.ctx.em().findOne(SynonymRow, { id }, { refresh: true, disableIdentityMap: true });
    return r ? toGroup(r) : null;
  }

  async save(g: SynonymGroup): Promise<void> {
    const em = this.ctx.em();
    const terms = JSON.stringify(g.terms);
    const stored = await em.findOne(
      SynonymRow,
      { id: g.id },
      { fields: ['id'], refresh: true, disableIdentityMap: true },
    );
    // The campus is never updated: a group belongs to the campus it was made for.
    if (stored)
      await em.nativeUpdate(SynonymRow, { id: g.id }, { terms, updatedAt: g.updatedAt, updatedBy: g.updatedBy });
    else
      await em.insert(SynonymRow, {
        id: g.id,
        campusId: g.campusId,
        terms,
        createdAt: g.createdAt,
        createdBy: g.createdBy,
        updatedAt: g.updatedAt,
        updatedBy: g.updatedBy,
      });
  }

  async remove(id: string): Promise<void> {
    await this.ctx.em().nativeDelete(SynonymRow, { id });
  }
}
