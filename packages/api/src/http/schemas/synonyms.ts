import { Type } from 'typebox';
import { Id, IsoDate } from './common.js';

export const SynonymsQuery = Type.Object({ campusId: Type.Optional(Id) });

export const SynonymGroup = Type.Object({
  id: Type.String(),
  campusId: Type.String(),
  terms: Type.Array(Type.String(), { description: 'Words that stand for one another, normalised (NFKC, lower case)' }),
  createdAt: IsoDate,
  createdBy: Type.String(),
  updatedAt: IsoDate,
  updatedBy: Type.String(),
});

export const SynonymGroupList = Type.Object({
  items: Type.Array(SynonymGroup),
  defaults: Type.Array(Type.Array(Type.String()), {
    description: 'The shipped dictionary; a campus group replaces the default group of each word it holds',
  }),
});

/** Loose bounds only, so a bad word gets the core's own message naming it (`terms[2]`); the core checks 2–12 words of 1–20 characters. */
const Terms = Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 });

export const SynonymCreateBody = Type.Object({ campusId: Type.Optional(Id), terms: Terms });

export const SynonymEditBody = Type.Object({ terms: Terms });
