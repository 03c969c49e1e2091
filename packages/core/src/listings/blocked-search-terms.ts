import type { Actor } from '../identity/actor.js';
import type { AdminScope } from '../identity/admin.js';
import { CampusNotFound, type AdminOnly, type NotAuthenticated } from '../identity/errors.js';
import { requireAdmin, requireAdminOf } from '../identity/policy.js';
import type { CampusRepository } from '../identity/ports.js';
import { auditActorOf, type AuditLog } from '../shared/audit.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, Problems, type ValidationFailed } from '../shared/errors.js';
import type { IdGenerator } from '../shared/ids.js';
import { err, ok, type Result } from '../shared/result.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { HOT_SEARCH } from './search-log.js';

/** A term that never shows among a campus's hot searches (nor any hot term containing it). */
export interface BlockedSearchTerm {
  readonly id: string;
  readonly campusId: string;
  readonly term: string;
  readonly createdAt: Date;
  /** The admin account that blocked it. */
  readonly createdBy: string;
}

export interface BlockedSearchTermRepository {
  forCampus(campusId: string): Promise<BlockedSearchTerm[]>;
  byId(id: string): Promise<BlockedSearchTerm | null>;
  /** Adds it unless (campus, term) is already blocked; answers the entry that is stored. */
  add(entry: BlockedSearchTerm): Promise<{ entry: BlockedSearchTerm; created: boolean }>;
  remove(id: string): Promise<void>;
}

export class BlockedSearchTermNotFound extends DomainError<'BLOCKED_SEARCH_TERM_NOT_FOUND'> {
  readonly code = 'BLOCKED_SEARCH_TERM_NOT_FOUND' as const;
  constructor(readonly id: string) {
    super('该屏蔽词不存在或已被移除', { id });
  }
}

/** The form a blocked term is stored and compared in: the same folding as counted searches. */
export function normaliseBlockedTerm(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

type AdminError = NotAuthenticated | AdminOnly | AdminScope | CampusNotFound;

/** Shortest blocked term: a term hides every hot term containing it, so one character would hide far too much. */
export const BLOCKED_TERM_MIN = 2;

export class ListBlockedSearchTerms {
  constructor(
    private readonly blocked: BlockedSearchTermRepository,
    private readonly campuses: CampusRepository,
  ) {}

  async execute(input: { actor: Actor; campusId: string }): Promise<Result<BlockedSearchTerm[], AdminError>> {
    const admin = requireAdminOf(input.actor, input.campusId);
    if (!admin.ok) return admin;
    if (!(await this.campuses.byId(input.campusId))) return err(new CampusNotFound(input.campusId));
    const list = await this.blocked.forCampus(input.campusId);
    return ok(list.sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0)));
  }
}

export interface BlockSearchTermDeps {
  readonly blocked: BlockedSearchTermRepository;
  readonly campuses: CampusRepository;
  readonly audit: AuditLog;
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
  readonly clock: Clock;
}

/** Blocks a term on one campus; blocking it twice answers the first entry. Audited. */
export class BlockSearchTerm {
  constructor(private readonly deps: BlockSearchTermDeps) {}

  execute(input: {
    actor: Actor;
    campusId: string;
    term: string;
  }): Promise<Result<{ entry: BlockedSearchTerm; created: boolean }, AdminError | ValidationFailed>> {
    return this.deps.uow.run(async () => {
      const admin = requireAdminOf(input.actor, input.campusId);
      if (!admin.ok) return admin;
      const term = normaliseBlockedTerm(input.term);
      const length = [...term].length;
      const p = new Problems()
        .check(term.length > 0, 'term', '请输入要屏蔽的词')
        // Checked on what was sent: control and invisible format characters make a term nobody can see or type.
        .check(!/[\p{Cc}\p{Cf}]/u.test(input.term), 'term', '屏蔽词不能含控制字符或不可见字符')
        // One character hides every hot term that contains it.
        .check(length === 0 || length >= BLOCKED_TERM_MIN, 'term', `屏蔽词至少 ${BLOCKED_TERM_MIN} 个字`)
        .check([...term].length <= HOT_SEARCH.maxTermLength, 'term', `屏蔽词最多 ${HOT_SEARCH.maxTermLength} 个字`);
      if (p.any) return err(p.toError());
      if (!(await this.deps.campuses.byId(input.campusId))) return err(new CampusNotFound(input.campusId));
      const now = this.deps.clock.now();
      const result = await this.deps.blocked.add({
        id: this.deps.ids.next(),
        campusId: input.campusId,
        term,
        createdAt: now,
        createdBy: admin.value.adminId,
      });
      if (result.created) {
        await this.deps.audit.record({
          actor: auditActorOf(input.actor),
          action: 'search_term.block',
          targetType: 'search_term',
          targetId: result.entry.id,
          campusId: input.campusId,
          details: { term },
          at: now,
        });
      }
      return ok(result);
    });
  }
}

export class UnblockSearchTerm {
  constructor(
    private readonly blocked: BlockedSearchTermRepository,
    private readonly audit: AuditLog,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(input: {
    actor: Actor;
    id: string;
  }): Promise<Result<BlockedSearchTerm, NotAuthenticated | AdminOnly | AdminScope | BlockedSearchTermNotFound>> {
    return this.uow.run(async () => {
      const anyAdmin = requireAdmin(input.actor);
      if (!anyAdmin.ok) return anyAdmin;
      const entry = await this.blocked.byId(input.id);
      if (!entry) return err(new BlockedSearchTermNotFound(input.id));
      const admin = requireAdminOf(input.actor, entry.campusId);
      if (!admin.ok) return admin;
      await this.blocked.remove(entry.id);
      await this.audit.record({
        actor: auditActorOf(input.actor),
        action: 'search_term.unblock',
        targetType: 'search_term',
        targetId: entry.id,
        campusId: entry.campusId,
        details: { term: entry.term },
        at: this.clock.now(),
      });
      return ok(entry);
    });
  }
}
