import { describe, expect, it } from 'vitest';
import type { AdminActor, UserActor } from '../identity/actor.js';
import { anonymous } from '../identity/actor.js';
import { aCampus, inMemoryPersistence, SequentialIds, TestClock } from '../testing/index.js';
import { InMemorySynonyms } from '../testing/in-memory-synonyms.js';
import { synonymsContract } from '../testing/synonyms-contract.js';
import { CreateSynonymGroup, DeleteSynonymGroup, EditSynonymGroup, ListSynonymGroups } from './synonym-admin.js';
import { SYNONYM_LIMITS, validateSynonymTerms } from './synonyms.js';

synonymsContract('in-memory', async () => ({ synonyms: new InMemorySynonyms(), dispose: async () => {} }));

const campusAdmin: AdminActor = { kind: 'admin', adminId: 'admin-1', role: 'campus_admin', campusId: 'demo' };
const otherAdmin: AdminActor = { kind: 'admin', adminId: 'admin-2', role: 'campus_admin', campusId: 'other-campus' };
const superAdmin: AdminActor = { kind: 'admin', adminId: 'admin-3', role: 'super_admin', campusId: null };
const student: UserActor = {
  kind: 'user',
  userId: 'u1',
  campusId: 'demo',
  role: 'student',
  verified: true,
  banned: false,
};

function world() {
  const clock = new TestClock(new Date('2026-09-10T04:00:00.000Z'));
  const p = inMemoryPersistence();
  const synonyms = new InMemorySynonyms();
  const deps = { synonyms, campuses: p.campuses, audit: p.auditLog, uow: p.uow, ids: new SequentialIds(), clock };
  return {
    p,
    clock,
    synonyms,
    create: new CreateSynonymGroup(deps),
    edit: new EditSynonymGroup(deps),
    remove: new DeleteSynonymGroup(deps),
    list: new ListSynonymGroups(synonyms, p.campuses),
  };
}

const code = async (r: Promise<{ ok: boolean; error?: { code: string } }>) => {
  const x = await r;
  return x.ok ? 'ok' : x.error!.code;
};

describe('validateSynonymTerms', () => {
  it('normalises words (width, case, spaces) and keeps their order', () => {
    expect(validateSynonymTerms([' 戴尔 ', 'ＤＥＬＬ', 'Apple   Watch'])).toEqual({
      terms: ['戴尔', 'dell', 'apple watch'],
    });
  });

  it('names every bad word: empty, duplicate after folding, too long, invisible, punctuation only', () => {
    const r = validateSynonymTerms(['单车', '  ', 'ＤＥＬＬ', 'dell', '车'.repeat(21), '单\u200b车', '！！']);
    expect('error' in r && r.error.problems.map((p) => p.field)).toEqual([
      'terms[1]',
      'terms[3]',
      'terms[4]',
      'terms[5]',
      'terms[6]',
    ]);
    expect('error' in r && r.error.problems[1]!.message).toBe('与第 3 个词重复');
  });

  it('wants 2 to 12 words', () => {
    expect('error' in validateSynonymTerms([])).toBe(true);
    expect('error' in validateSynonymTerms(['单车'])).toBe(true);
    const many = Array.from({ length: SYNONYM_LIMITS.maxTerms + 1 }, (_, i) => `词${i}`);
    expect('error' in validateSynonymTerms(many)).toBe(true);
    expect('terms' in validateSynonymTerms(many.slice(1))).toBe(true);
  });
});

describe('synonym groups in the back office', () => {
  it('creates, lists, edits and deletes a group, each audited with its words', async () => {
    const w = world();
    await w.p.campuses.save(aCampus());
    const made = await w.create.execute({ actor: campusAdmin, campusId: 'demo', terms: ['单车', '自行车'] });
    expect(made.ok && made.value).toMatchObject({ campusId: 'demo', terms: ['单车', '自行车'], createdBy: 'admin-1' });
    const id = made.ok ? made.value.id : '';
    w.clock.advance(1000);
    await w.create.execute({ actor: campusAdmin, campusId: 'demo', terms: ['高数', '高等数学'] });
    const listed = await w.list.execute({ actor: campusAdmin, campusId: 'demo' });
    expect(listed.ok && listed.value.map((g) => g.terms[0])).toEqual(['单车', '高数']);

    w.clock.advance(60_000);
    const edited = await w.edit.execute({ actor: superAdmin, id, terms: ['单车', '自行车', '脚踏车'] });
    expect(edited.ok && edited.value).toMatchObject({ terms: ['单车', '自行车', '脚踏车'], updatedBy: 'admin-3' });
    expect(edited.ok && edited.value.updatedAt.getTime() - edited.value.createdAt.getTime()).toBe(61_000);
    w.clock.advance(1000);
    expect((await w.remove.execute({ actor: campusAdmin, id })).ok).toBe(true);
    expect(await code(w.remove.execute({ actor: campusAdmin, id }))).toBe('SYNONYM_GROUP_NOT_FOUND');
    expect(await code(w.edit.execute({ actor: campusAdmin, id, terms: ['a1', 'b2'] }))).toBe('SYNONYM_GROUP_NOT_FOUND');

    const audit = await w.p.auditLog.list({ limit: 10 });
    expect(audit.map((a) => [a.action, a.targetType, a.campusId, a.details]).reverse()).toEqual([
      ['search_synonym.create', 'search_synonym', 'demo', { terms: ['单车', '自行车'] }],
      ['search_synonym.create', 'search_synonym', 'demo', { terms: ['高数', '高等数学'] }],
      [
        'search_synonym.update',
        'search_synonym',
        'demo',
        { before: ['单车', '自行车'], terms: ['单车', '自行车', '脚踏车'] },
      ],
      ['search_synonym.delete', 'search_synonym', 'demo', { terms: ['单车', '自行车', '脚踏车'] }],
    ]);
    expect(audit.map((a) => a.actor.id)).toEqual(['admin-1', 'admin-3', 'admin-1', 'admin-1']);
  });

  it('keeps a word in one group per campus, but the same word may stand in another campus', async () => {
    const w = world();
    await w.p.campuses.save(aCampus());
    await w.p.campuses.save(aCampus({ id: 'other-campus', name: '隔壁大学' }));
    const first = await w.create.execute({ actor: campusAdmin, campusId: 'demo', terms: ['单车', '自行车'] });
    const taken = await w.create.execute({
      actor: campusAdmin,
      campusId: 'demo',
      terms: ['脚踏车', 'ＤＡＮ', '自行车'],
    });
    expect(!taken.ok && taken.error).toMatchObject({ code: 'SYNONYM_TERM_TAKEN', term: '自行车' });
    expect(
      (await w.create.execute({ actor: otherAdmin, campusId: 'other-campus', terms: ['单车', '小黄车'] })).ok,
    ).toBe(true);
    const second = await w.create.execute({ actor: campusAdmin, campusId: 'demo', terms: ['高数', '高等数学'] });
    const id = second.ok ? second.value.id : '';
    expect(await code(w.edit.execute({ actor: campusAdmin, id, terms: ['高数', '单车'] }))).toBe('SYNONYM_TERM_TAKEN');
    // A group may keep its own words when edited.
    const firstId = first.ok ? first.value.id : '';
    expect(await code(w.edit.execute({ actor: campusAdmin, id: firstId, terms: ['自行车', '单车'] }))).toBe('ok');
    expect((await w.synonyms.forCampus('other-campus')).map((g) => g.terms)).toEqual([['单车', '小黄车']]);
  });

  it('refuses students, visitors, admins of other campuses and unknown campuses', async () => {
    const w = world();
    await w.p.campuses.save(aCampus());
    const terms = ['单车', '自行车'];
    expect(await code(w.create.execute({ actor: student, campusId: 'demo', terms }))).toBe('ADMIN_ONLY');
    expect(await code(w.create.execute({ actor: anonymous, campusId: 'demo', terms }))).toBe('UNAUTHENTICATED');
    expect(await code(w.create.execute({ actor: otherAdmin, campusId: 'demo', terms }))).toBe('ADMIN_SCOPE');
    expect(await code(w.create.execute({ actor: superAdmin, campusId: 'nowhere', terms }))).toBe('CAMPUS_NOT_FOUND');
    expect(await code(w.list.execute({ actor: otherAdmin, campusId: 'demo' }))).toBe('ADMIN_SCOPE');
    expect(await code(w.create.execute({ actor: campusAdmin, campusId: 'demo', terms: ['单车'] }))).toBe(
      'VALIDATION_FAILED',
    );
    const made = await w.create.execute({ actor: campusAdmin, campusId: 'demo', terms });
    const id = made.ok ? made.value.id : '';
    expect(await code(w.edit.execute({ actor: otherAdmin, id, terms: ['单车', '小黄车'] }))).toBe('ADMIN_SCOPE');
    expect(await code(w.remove.execute({ actor: otherAdmin, id }))).toBe('ADMIN_SCOPE');
    expect(await code(w.remove.execute({ actor: student, id }))).toBe('ADMIN_ONLY');
    expect((await w.p.auditLog.list({ limit: 10 })).length).toBe(1);
  });

  it(`stops at ${SYNONYM_LIMITS.maxGroups} groups per campus`, async () => {
    const w = world();
    await w.p.campuses.save(aCampus());
    for (let i = 0; i < SYNONYM_LIMITS.maxGroups; i++)
      await w.synonyms.save({
        id: `g${i}`,
        campusId: 'demo',
        terms: [`a${i}`, `b${i}`],
        createdAt: w.clock.now(),
        createdBy: 'admin-1',
        updatedAt: w.clock.now(),
        updatedBy: 'admin-1',
      });
    expect(await code(w.create.execute({ actor: campusAdmin, campusId: 'demo', terms: ['单车', '自行车'] }))).toBe(
      'SYNONYM_LIMIT_REACHED',
    );
  });
});
