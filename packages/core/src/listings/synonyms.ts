import { DomainError, Problems, type ValidationFailed } from '../shared/errors.js';

/**
 * Words students use for one another on one campus (高数 and 高等数学, 单车 and 自行车, 戴尔 and Dell), kept by
 * the campus's admins. A search for any of them also finds listings that say another, ranked below those
 * that say the word searched.
 */
export interface SynonymGroup {
  readonly id: string;
  readonly campusId: string;
  /** Normalised (`normaliseSynonym`), in the order the admin gave them. */
  readonly terms: readonly string[];
  readonly createdAt: Date;
  readonly createdBy: string;
  readonly updatedAt: Date;
  /** The admin account that last changed it. */
  readonly updatedBy: string;
}

export interface SynonymRepository {
  /** The campus's groups, any order. */
  forCampus(campusId: string): Promise<SynonymGroup[]>;
  byId(id: string): Promise<SynonymGroup | null>;
  /** Inserts the group, or replaces the stored one with the same id (its campus never changes). */
  save(group: SynonymGroup): Promise<void>;
  remove(id: string): Promise<void>;
}

export class SynonymGroupNotFound extends DomainError<'SYNONYM_GROUP_NOT_FOUND'> {
  readonly code = 'SYNONYM_GROUP_NOT_FOUND' as const;
  constructor(readonly id: string) {
    super('该同义词组不存在或已被删除', { id });
  }
}

/** A word may stand in one group of a campus only, or a search for it would not know which words it means. */
export class SynonymTermTaken extends DomainError<'SYNONYM_TERM_TAKEN'> {
  readonly code = 'SYNONYM_TERM_TAKEN' as const;
  constructor(
    readonly term: string,
    readonly groupId: string,
  ) {
    super(`「${term}」已在另一个同义词组中`, { term, groupId });
  }
}

export class SynonymLimitReached extends DomainError<'SYNONYM_LIMIT_REACHED'> {
  readonly code = 'SYNONYM_LIMIT_REACHED' as const;
  constructor(readonly limit: number) {
    super(`每个校区最多 ${limit} 个同义词组`, { limit });
  }
}

export const SYNONYM_LIMITS = {
  /** Characters per word: as long as a counted hot-search term. */
  maxTermLength: 20,
  minTerms: 2,
  maxTerms: 12,
  /** Groups per campus: every API process holds each campus's groups in memory. */
  maxGroups: 500,
} as const;

/** The form words are stored and matched in: NFKC (full-width folded), lower case, single spaces. */
export function normaliseSynonym(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Checks what an admin sent and answers the normalised words, or every problem at once (naming `terms`). */
export function validateSynonymTerms(raw: readonly string[]): { terms: string[] } | { error: ValidationFailed } {
  const p = new Problems();
  const terms = raw.map(normaliseSynonym);
  p.check(terms.length >= SYNONYM_LIMITS.minTerms, 'terms', `同义词组至少 ${SYNONYM_LIMITS.minTerms} 个词`);
  p.check(terms.length <= SYNONYM_LIMITS.maxTerms, 'terms', `同义词组最多 ${SYNONYM_LIMITS.maxTerms} 个词`);
  raw.forEach((word, i) => {
    const term = terms[i]!;
    const field = `terms[${i}]`;
    if (term.length === 0) {
      p.add(field, '词不能为空');
      return;
    }
    // Checked on what was sent: control and invisible format characters make a word nobody can see or type.
    p.check(!/[\p{Cc}\p{Cf}]/u.test(word), field, '词不能含控制字符或不可见字符');
    p.check([...term].length <= SYNONYM_LIMITS.maxTermLength, field, `词最多 ${SYNONYM_LIMITS.maxTermLength} 个字`);
    // A word of punctuation only gives the search nothing to look for.
    p.check(/[\p{L}\p{N}]/u.test(term), field, '词至少要含一个文字或数字');
    const first = terms.indexOf(term);
    p.check(first === i, field, `与第 ${first + 1} 个词重复`);
  });
  return p.any ? { error: p.toError() } : { terms };
}
