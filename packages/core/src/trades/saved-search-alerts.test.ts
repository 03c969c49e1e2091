import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../identity/actor.js';
import { aUser } from '../testing/builders.js';
import { itemInput } from '../testing/kit.js';
import { notificationsWorld, type NotificationsWorld } from '../testing/notifications-world.js';
import { simpleTokenizer } from '../testing/simple-tokenizer.js';
import { StoredSynonyms, type SynonymSource } from '../listings/synonym-table.js';
import { InMemorySynonyms } from '../testing/in-memory-synonyms.js';
import { SavedSearchAlerts } from './saved-search-alerts.js';
import type { SavedSearchRepository } from './saved-search-ports.js';
import { SaveSearch, type SaveSearchInput } from './saved-searches.js';

let w: NotificationsWorld;
let alerts: SavedSearchAlerts;
let save: SaveSearch;
const handled = new Set<string>();

/** Saved searches the alerts read, counted: a listing must read only those filed under its tokens. */
let read = 0;

function makeAlerts(dailyLimit?: number, synonyms?: SynonymSource) {
  const p = w.persistence;
  const counting: SavedSearchRepository = {
    add: (...a) => p.savedSearches.add(...a),
    byUser: (...a) => p.savedSearches.byUser(...a),
    remove: (...a) => p.savedSearches.remove(...a),
    takeAlert: (...a) => p.savedSearches.takeAlert(...a),
    withAnyKey: async (...a) => {
      const page = await p.savedSearches.withAnyKey(...a);
      read += page.length;
      return page;
    },
  };
  return new SavedSearchAlerts({
    savedSearches: counting,
    listings: p.listings,
    categories: p.categories,
    users: p.users,
    tokenizer: simpleTokenizer,
    recorder: w.recorder,
    uow: p.uow,
    clock: w.k.clock,
    ...(dailyLimit !== undefined && { dailyLimit }),
    ...(synonyms && { synonyms }),
  });
}

beforeEach(async () => {
  w = await notificationsWorld();
  handled.clear();
  const p = w.persistence;
  save = new SaveSearch({
    savedSearches: p.savedSearches,
    categories: p.categories,
    tokenizer: simpleTokenizer,
    uow: p.uow,
    ids: w.k.ids,
    clock: w.k.clock,
  });
  alerts = makeAlerts();
  // Events before the test (alice's iPhone in the world) are not what these tests are about.
  for (const e of await p.outbox.unpublished(1000)) handled.add(e.id);
});

/** Plays the worker: new outbox events to the subscriber (twice, as a redelivery would), then deliveries. */
async function work(subscriber = alerts) {
  for (const e of await w.persistence.outbox.unpublished(1000)) {
    if (handled.has(e.id)) continue;
    handled.add(e.id);
    if (subscriber.wants(e)) {
      await subscriber.handle(e);
      await subscriber.handle(e);
    }
  }
  await w.drain();
}

async function saveSearch(actor: Actor, input: Omit<SaveSearchInput, 'actor'>) {
  const r = await save.execute({ actor, ...input });
  if (!r.ok) throw new Error(r.error.code);
  return r.value.search;
}

async function publish(actor: Actor, content: Record<string, unknown>): Promise<string> {
  const r = await w.k.publish.execute({ actor, kind: 'item', content: itemInput(content) });
  if (!r.ok) throw new Error(r.error.code);
  return r.value.id;
}

const savedNotices = async (userId: string) => (await w.inboxOf(userId)).filter((n) => n.kind === 'saved_search');

describe('saved-search alerts', () => {
  it('tells a student once when a new listing matches, in the inbox and by QQ under consent', async () => {
    const search = await saveSearch(w.k.actors.bob, { text: '山地自行车' });
    await w.repo.grantConsents('bob', 'saved_search', 1, 50, w.k.clock.now());
    const id = await publish(w.k.actors.alice, { title: '捷安特 山地车 自行车', price: 45_000 });
    await work();
    const notices = await savedNotices('bob');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      kind: 'saved_search',
      listingId: id,
      campusId: 'demo',
      data: { listingTitle: '捷安特 山地车 自行车', price: 45_000, query: '山地自行车', savedSearchId: search.id },
    });
    expect(w.sender.sent).toEqual([
      expect.objectContaining({
        kind: 'saved_search',
        page: `pages/detail/index?id=${id}`,
        fields: ['捷安特 山地车 自行车', '¥450，订阅「山地自行车」'],
      }),
    ]);
  });

  it('says nothing of a listing the search would not find: other words, or filters it fails', async () => {
    await saveSearch(w.k.actors.bob, { text: '自行车' });
    await saveSearch(w.k.actors.bob, { text: '台灯', maxPrice: 1_000 });
    await saveSearch(w.k.actors.bob, { text: '台灯', kind: 'wanted' });
    await publish(w.k.actors.alice, { title: '护眼台灯', price: 5_000 });
    await work();
    expect(await savedNotices('bob')).toEqual([]);
  });

  it('never tells the owner, another campus, an unverified or a banned student', async () => {
    const { users } = w.persistence;
    const far = aUser({ id: 'far', campusId: 'other-campus' });
    await users.save(far);
    await saveSearch(w.k.actors.alice, { text: '自行车' });
    await saveSearch(w.k.as(far), { text: '自行车' });
    await saveSearch(w.k.actors.bob, { text: '自行车' });
    // Bob saved while verified, and is banned since.
    const bob = (await users.byId('bob'))!;
    bob.status = 'banned';
    await users.save(bob);
    await publish(w.k.actors.alice, { title: '二手自行车' });
    await work();
    for (const id of ['alice', 'far', 'bob']) expect(await savedNotices(id)).toEqual([]);
  });

  it('tells a student once per listing even when several of their searches match', async () => {
    await saveSearch(w.k.actors.bob, { text: '自行车' });
    await saveSearch(w.k.actors.bob, { text: '山地车' });
    await publish(w.k.actors.alice, { title: '山地车 自行车' });
    await work();
    expect(await savedNotices('bob')).toHaveLength(1);
  });

  it('a relisted listing tells those who had not heard of it, never the same student twice', async () => {
    await saveSearch(w.k.actors.bob, { text: '自行车' });
    const id = await publish(w.k.actors.alice, { title: '二手自行车' });
    await work();
    const late = aUser({ id: 'late' });
    await w.persistence.users.save(late);
    await saveSearch(w.k.as(late), { text: '自行车' });
    const withdrawn = await w.k.withdraw.execute({ actor: w.k.actors.alice, listingId: id });
    expect(withdrawn.ok).toBe(true);
    await work();
    const relisted = await w.k.relist.execute({ actor: w.k.actors.alice, listingId: id });
    expect(relisted.ok).toBe(true);
    await work();
    expect(await savedNotices('bob')).toHaveLength(1);
    expect(await savedNotices('late')).toHaveLength(1);
  });

  it('says nothing of a listing no longer live when its event is handled', async () => {
    await saveSearch(w.k.actors.bob, { text: '自行车' });
    const id = await publish(w.k.actors.alice, { title: '二手自行车' });
    expect((await w.k.withdraw.execute({ actor: w.k.actors.alice, listingId: id })).ok).toBe(true);
    await work();
    expect(await savedNotices('bob')).toEqual([]);
  });

  it('tells a student at most the daily number of times, and again the next China day', async () => {
    alerts = makeAlerts(2);
    await saveSearch(w.k.actors.bob, { text: '自行车' });
    for (const title of ['自行车 一', '自行车 二', '自行车 三']) await publish(w.k.actors.alice, { title });
    await work();
    expect(await savedNotices('bob')).toHaveLength(2);
    w.k.clock.advance(24 * 60 * 60 * 1000);
    await publish(w.k.actors.alice, { title: '自行车 四' });
    await work();
    expect((await savedNotices('bob')).map((n) => n.data['listingTitle'])).toEqual([
      '自行车 四',
      '自行车 二',
      '自行车 一',
    ]);
  });

  it('a daily limit of 0 turns alerts off', async () => {
    alerts = makeAlerts(0);
    await saveSearch(w.k.actors.bob, { text: '自行车' });
    await publish(w.k.actors.alice, { title: '二手自行车' });
    await work();
    expect(await savedNotices('bob')).toEqual([]);
  });

  it('finds the matching searches among many of the campus by their keys', async () => {
    for (let i = 0; i < 450; i++) {
      const u = aUser({ id: `s${String(i).padStart(3, '0')}` });
      await w.persistence.users.save(u);
      await saveSearch(w.k.as(u), { text: i % 3 === 0 ? '自行车' : '台灯' });
    }
    read = 0;
    await publish(w.k.actors.alice, { title: '二手自行车' });
    await work();
    // Handled twice (a redelivery): 150 read each time, in pages of 200; the 300 台灯 searches never.
    expect(read).toBe(300);
    const told = [];
    for (let i = 0; i < 450; i += 1) if ((await savedNotices(`s${String(i).padStart(3, '0')}`)).length) told.push(i);
    expect(told).toEqual(Array.from({ length: 150 }, (_, j) => j * 3));
  });

  it('hears of a listing through a synonym as the search page finds it (单车 → 自行车), only with the dictionary', async () => {
    await saveSearch(w.k.actors.bob, { text: '单车' });
    const dan = aUser({ id: 'dan' });
    await w.persistence.users.save(dan);
    await saveSearch(w.k.as(dan), { text: '单车 台灯' });
    const first = await publish(w.k.actors.alice, { title: '九成新 自行车 通勤代步' });
    await work();
    expect(await savedNotices('bob')).toHaveLength(0);

    const withSynonyms = makeAlerts(undefined, new StoredSynonyms(new InMemorySynonyms()));
    const second = await publish(w.k.actors.alice, { title: '捷安特 自行车 八成新' });
    await work(withSynonyms);
    expect((await savedNotices('bob')).map((n) => n.listingId)).toEqual([second]);
    // 单车 covers one of two terms (the rule: at least half), as in search; the first listing stays untold.
    expect((await savedNotices('dan')).map((n) => n.listingId)).toEqual([second]);
    expect(first).not.toBe(second);
  });
});
