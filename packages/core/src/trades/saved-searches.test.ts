import { beforeEach, describe, expect, it } from 'vitest';
import { inMemoryPersistence } from '../testing/in-memory.js';
import { coreKit, type CoreKit } from '../testing/kit.js';
import { simpleTokenizer } from '../testing/simple-tokenizer.js';
import { SAVED_SEARCH_MAX } from './saved-search.js';
import { DeleteSavedSearch, ListSavedSearches, SaveSearch } from './saved-searches.js';

let k: CoreKit;
let p: ReturnType<typeof inMemoryPersistence>;
let save: SaveSearch;
let list: ListSavedSearches;
let del: DeleteSavedSearch;
beforeEach(async () => {
  p = inMemoryPersistence();
  k = await coreKit(p);
  const deps = { savedSearches: p.savedSearches, categories: p.categories, tokenizer: simpleTokenizer, uow: p.uow };
  save = new SaveSearch({ ...deps, ids: k.ids, clock: k.clock });
  list = new ListSavedSearches(p.savedSearches);
  del = new DeleteSavedSearch(p.savedSearches, p.uow);
});

describe('saved searches', () => {
  it('a verified student saves a search with filters, lists it, and deletes it', async () => {
    const saved = await save.execute({
      actor: k.actors.bob,
      text: '  自行车 ',
      categoryId: 'demo-digital',
      maxPrice: 30_000,
      tradeMethod: 'face_to_face',
    });
    expect(saved.ok && saved.value).toMatchObject({
      created: true,
      search: {
        userId: 'bob',
        campusId: 'demo',
        text: '自行车',
        filters: { categoryId: 'demo-digital', maxPrice: 30_000, tradeMethod: 'face_to_face' },
      },
    });
    const id = saved.ok ? saved.value.search.id : '';
    const mine = await list.execute({ actor: k.actors.bob });
    expect(mine.ok && mine.value.map((s) => s.id)).toEqual([id]);
    expect(await list.execute({ actor: k.actors.alice })).toEqual({ ok: true, value: [] });

    const stranger = await del.execute({ actor: k.actors.alice, savedSearchId: id });
    expect(!stranger.ok && stranger.error.code).toBe('SAVED_SEARCH_NOT_FOUND');
    expect((await del.execute({ actor: k.actors.bob, savedSearchId: id })).ok).toBe(true);
    const again = await del.execute({ actor: k.actors.bob, savedSearchId: id });
    expect(!again.ok && again.error.code).toBe('SAVED_SEARCH_NOT_FOUND');
    expect(await list.execute({ actor: k.actors.bob })).toEqual({ ok: true, value: [] });
  });

  it('only verified students who are not banned save; anyone signed in lists their own', async () => {
    const code = async (actor: Parameters<SaveSearch['execute']>[0]['actor']) => {
      const r = await save.execute({ actor, text: '自行车' });
      return r.ok ? 'ok' : r.error.code;
    };
    expect(await code(k.anonymous)).toBe('UNAUTHENTICATED');
    expect(await code(k.actors.carol)).toBe('NOT_VERIFIED');
    expect(await code(k.actors.mallory)).toBe('USER_BANNED');
    expect(await code(k.actors.admin)).toBe('UNAUTHENTICATED');
    const anon = await list.execute({ actor: k.anonymous });
    expect(!anon.ok && anon.error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses what the search page would refuse, every field at once', async () => {
    const r = await save.execute({
      actor: k.actors.bob,
      text: '',
      categoryId: 'other-campus-phones',
      minPrice: 500,
      maxPrice: 100,
      condition: 'broken',
    });
    expect(!r.ok && r.error.code).toBe('VALIDATION_FAILED');
    const fields = !r.ok && r.error.code === 'VALIDATION_FAILED' ? r.error.problems.map((x) => x.field) : [];
    expect(fields.sort()).toEqual(['categoryId', 'condition', 'minPrice', 'text']);
    const long = await save.execute({ actor: k.actors.bob, text: '书'.repeat(51) });
    expect(!long.ok && long.error.code).toBe('VALIDATION_FAILED');
    // Nothing the index could ever match.
    const empty = await save.execute({ actor: k.actors.bob, text: '！！？' });
    expect(!empty.ok && empty.error.code).toBe('VALIDATION_FAILED');
  });

  it(`keeps at most ${SAVED_SEARCH_MAX} per student; the same search again is the one kept`, async () => {
    for (let i = 0; i < SAVED_SEARCH_MAX; i++) {
      const r = await save.execute({ actor: k.actors.bob, text: `书 ${i}` });
      expect(r.ok).toBe(true);
      k.clock.advance(1000);
    }
    const over = await save.execute({ actor: k.actors.bob, text: '台灯' });
    expect(!over.ok && over.error.code).toBe('SAVED_SEARCH_LIMIT_REACHED');
    const same = await save.execute({ actor: k.actors.bob, text: '书 3' });
    expect(same.ok && same.value.created).toBe(false);
    const mine = await list.execute({ actor: k.actors.bob });
    expect(mine.ok && mine.value.map((s) => s.text)[0]).toBe(`书 ${SAVED_SEARCH_MAX - 1}`);
    expect((await save.execute({ actor: k.actors.alice, text: '台灯' })).ok).toBe(true);
  });

  it('the same text with other filters is another search', async () => {
    const a = await save.execute({ actor: k.actors.bob, text: 'iPad' });
    const b = await save.execute({ actor: k.actors.bob, text: 'ipad', maxPrice: 100_000 });
    const c = await save.execute({ actor: k.actors.bob, text: 'IPAD' });
    expect(a.ok && b.ok && a.value.search.id !== b.value.search.id).toBe(true);
    expect(c.ok && a.ok && c.value.search.id === a.value.search.id && !c.value.created).toBe(true);
  });
});
