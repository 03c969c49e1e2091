import type { Actor } from '../identity/actor.js';
import type { AdminScope } from '../identity/admin.js';
import { CampusNotFound, type AdminOnly, type NotAuthenticated } from '../identity/errors.js';
import { requireAdmin, requireAdminOf } from '../identity/policy.js';
import type { CampusRepository } from '../identity/ports.js';
import { auditActorOf, type AuditLog } from '../shared/audit.js';
import type { Clock } from '../shared/clock.js';
import type { ValidationFailed } from '../shared/errors.js';
import type { IdGenerator } from '../shared/ids.js';
import { err, ok, type Result } from '../shared/result.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import {
  SYNONYM_LIMITS,
  SynonymGroupNotFound,
  SynonymLimitReached,
  SynonymTermTaken,
  validateSynonymTerms,
  type SynonymGroup,
  type SynonymRepository,
} from './synonyms.js';

type AdminError = NotAuthenticated | AdminOnly | AdminScope;

export class ListSynonymGroups {
  constructor(
    private readonly synonyms: SynonymRepository,
    private readonly campuses: CampusRepository,
  ) {}

  /** The campus's own groups, by their first word. */
  async execute(input: {
    actor: Actor;
    campusId: string;
  }): Promise<Result<SynonymGroup[], AdminError | CampusNotFound>> {
    const admin = requireAdminOf(input.actor, input.campusId);
    if (!admin.ok) return admin;
    if (!(await this.campuses.byId(input.campusId))) return err(new CampusNotFound(input.campusId));
    const list = await this.synonyms.forCampus(input.campusId);
    return ok(list.sort((a, b) => compare(a.terms[0]!, b.terms[0]!) || compare(a.id, b.id)));
  }
}

export interface SynonymAdminDeps {
  readonly synonyms: SynonymRepository;
  readonly campuses: CampusRepository;
  readonly audit: AuditLog;
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
  readonly clock: Clock;
}

type WriteError = AdminError | ValidationFailed | SynonymTermTaken;

/** Adds a group of words that stand for one another on one campus. Audited as `search_synonym.create`. */
export class CreateSynonymGroup {
  constructor(private readonly deps: SynonymAdminDeps) {}

  execute(input: {
    actor: Actor;
    campusId: string;
    terms: readonly string[];
  }): Promise<Result<SynonymGroup, WriteError | CampusNotFound | SynonymLimitReached>> {
    return this.deps.uow.run(async () => {
      const admin = requireAdminOf(input.actor, input.campusId);
      if (!admin.ok) return admin;
      const valid = validateSynonymTerms(input.terms);
      if ('error' in valid) return err(valid.error);
      if (!(await this.deps.campuses.byId(input.campusId))) return err(new CampusNotFound(input.campusId));
      const existing = await this.deps.synonyms.forCampus(input.campusId);
      if (existing.length >= SYNONYM_LIMITS.maxGroups) return err(new SynonymLimitReached(SYNONYM_LIMITS.maxGroups));
      const taken = takenBy(valid.terms, existing, null);
      if (taken) return err(taken);
      const now = this.deps.clock.now();
      const group: SynonymGroup = {
        id: this.deps.ids.next(),
        campusId: input.campusId,
        terms: valid.terms,
        createdAt: now,
        createdBy: admin.value.adminId,
        updatedAt: now,
        updatedBy: admin.value.adminId,
      };
      await this.deps.synonyms.save(group);
      await this.deps.audit.record({
        actor: auditActorOf(input.actor),
        action: 'search_synonym.create',
        targetType: 'search_synonym',
        targetId: group.id,
        campusId: group.campusId,
        details: { terms: group.terms },
        at: now,
      });
      return ok(group);
    });
  }
}

/** Replaces a group's words. Audited as `search_synonym.update`, with the words before and after. */
export class EditSynonymGroup {
  constructor(private readonly deps: Omit<SynonymAdminDeps, 'ids' | 'campuses'>) {}

  execute(input: {
    actor: Actor;
    id: string;
    terms: readonly string[];
  }): Promise<Result<SynonymGroup, WriteError | SynonymGroupNotFound>> {
    return this.deps.uow.run(async () => {
      const anyAdmin = requireAdmin(input.actor);
      if (!anyAdmin.ok) return anyAdmin;
      const group = await this.deps.synonyms.byId(input.id);
      if (!group) return err(new SynonymGroupNotFound(input.id));
      const admin = requireAdminOf(input.actor, group.campusId);
      if (!admin.ok) return admin;
      const valid = validateSynonymTerms(input.terms);
      if ('error' in valid) return err(valid.error);
      const taken = takenBy(valid.terms, await this.deps.synonyms.forCampus(group.campusId), group.id);
      if (taken) return err(taken);
      const now = this.deps.clock.now();
      const updated: SynonymGroup = { ...group, terms: valid.terms, updatedAt: now, updatedBy: admin.value.adminId };
      await this.deps.synonyms.save(updated);
      await this.deps.audit.record({
        actor: auditActorOf(input.actor),
        action: 'search_synonym.update',
        targetType: 'search_synonym',
        targetId: group.id,
        campusId: group.campusId,
        details: { before: group.terms, terms: updated.terms },
        at: now,
      });
      return ok(updated);
    });
  }
}

/** Deletes a group. Audited as `search_synonym.delete`, with its words. */
export class DeleteSynonymGroup {
  constructor(private readonly deps: Omit<SynonymAdminDeps, 'ids' | 'campuses'>) {}

  execute(input: { actor: Actor; id: string }): Promise<Result<SynonymGroup, AdminError | SynonymGroupNotFound>> {
    return this.deps.uow.run(async () => {
      const anyAdmin = requireAdmin(input.actor);
      if (!anyAdmin.ok) return anyAdmin;
      const group = await this.deps.synonyms.byId(input.id);
      if (!group) return err(new SynonymGroupNotFound(input.id));
      const admin = requireAdminOf(input.actor, group.campusId);
      if (!admin.ok) return admin;
      await this.deps.synonyms.remove(group.id);
      await this.deps.audit.record({
        actor: auditActorOf(input.actor),
        action: 'search_synonym.delete',
        targetType: 'search_synonym',
        targetId: group.id,
        campusId: group.campusId,
        details: { terms: group.terms },
        at: this.deps.clock.now(),
      });
      return ok(group);
    });
  }
}

function takenBy(
  terms: readonly string[],
  groups: readonly SynonymGroup[],
  self: string | null,
): SynonymTermTaken | null {
  for (const g of groups) {
    if (g.id === self) continue;
    const clash = terms.find((t) => g.terms.includes(t));
    if (clash !== undefined) return new SynonymTermTaken(clash, g.id);
  }
  return null;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
