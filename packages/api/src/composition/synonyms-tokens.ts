import type {
  CreateSynonymGroup,
  DeleteSynonymGroup,
  EditSynonymGroup,
  ListSynonymGroups,
  SynonymSource,
} from '@xianzhi/core';
import type { CachedSynonyms } from '../cache/cached-synonyms.js';
import { token } from './token.js';

/** The synonym dictionary: the per-process tables searches expand queries with, and the admins' use cases. */
export const Synonyms = {
  Source: token<SynonymSource>('SynonymSource'),
  Cached: token<CachedSynonyms>('CachedSynonyms'),
  List: token<ListSynonymGroups>('ListSynonymGroups'),
  Create: token<CreateSynonymGroup>('CreateSynonymGroup'),
  Edit: token<EditSynonymGroup>('EditSynonymGroup'),
  Delete: token<DeleteSynonymGroup>('DeleteSynonymGroup'),
};
