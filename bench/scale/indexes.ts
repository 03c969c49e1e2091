import type { Dialect } from './bulk-db.ts';

/**
 * Secondary indexes of `search_token` as the committed migrations leave them: the generator drops them
 * during its load (random inserts into a big index are the slow part) and builds each once at the end.
 * Keep in step with the migrations; `bench:generate` fails loudly when a name is wrong.
 */
export function searchTokenSecondaryIndexes(d: Dialect): { drop: string; create: string }[] {
  return [
    {
      drop: d === 'mysql' ? 'drop index search_token_fresh on search_token' : 'drop index search_token_fresh',
      create: 'create index search_token_fresh on search_token (campus_id, token, field, listed_at, listing_id)',
    },
  ];
}
