/**
 * Who did something worth auditing. Students and admins are different account kinds with
 * overlapping id spaces, so the kind is part of the identity; `system` is the server itself.
 */
export interface AuditActor {
  readonly kind: 'user' | 'admin' | 'system';
  readonly id: string | null;
}

export interface AuditRecord {
  readonly actor: AuditActor;
  /** Dotted, stable names: `listing.remove`, `user.ban`, `admin.login_failed`, `contact.reveal`… */
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string;
  /** The campus the target belongs to, so campus admins read their own campus only; null for platform-wide. */
  readonly campusId?: string | null;
  /** Small JSON context. Never secrets, passwords, tokens or student numbers. */
  readonly details?: Record<string, unknown>;
  readonly at: Date;
}

export interface AuditEntry extends AuditRecord {
  readonly id: string;
  readonly campusId: string | null;
  readonly details: Record<string, unknown>;
}

export interface AuditQuery {
  readonly campusId?: string;
  readonly action?: string;
  /** The acting account's id (of any kind). */
  readonly actorId?: string;
  readonly targetType?: string;
  readonly targetId?: string;
  /** Entries at or after this instant. */
  readonly from?: Date;
  /** Entries strictly before this instant. */
  readonly to?: Date;
  /** Keyset cursor: entries strictly older than this (at, id). */
  readonly before?: { at: Date; id: string } | null;
  readonly limit: number;
}

/**
 * An append-only record of who did what to whom. Writes made inside a unit of work commit with it.
 * Newest first when listed.
 */
export interface AuditLog {
  record(entry: AuditRecord): Promise<void>;
  list(query: AuditQuery): Promise<AuditEntry[]>;
}

export const systemAuditActor: AuditActor = { kind: 'system', id: null };

/**
 * The parts of identity's `Actor` an audit entry names. Spelled out here because shared sits below
 * every area; any `Actor` fits it.
 */
export type AuditedActor =
  | { readonly kind: 'user'; readonly userId: string }
  | { readonly kind: 'admin'; readonly adminId: string }
  | { readonly kind: 'anonymous' };

export function auditActorOf(actor: AuditedActor): AuditActor {
  switch (actor.kind) {
    case 'user':
      return { kind: 'user', id: actor.userId };
    case 'admin':
      return { kind: 'admin', id: actor.adminId };
    default:
      return systemAuditActor;
  }
}

/** The filters of an audit query other than campus and paging, as the admin names them. */
export type AuditFilters = Pick<AuditQuery, 'action' | 'actorId' | 'targetType' | 'targetId' | 'from' | 'to'>;

/** Whether an entry passes the filters: what every AuditLog adapter must agree with. */
export function matchesAuditFilters(e: AuditEntry, q: AuditFilters & { campusId?: string }): boolean {
  return (
    (q.campusId === undefined || e.campusId === q.campusId) &&
    (q.action === undefined || e.action === q.action) &&
    (q.actorId === undefined || e.actor.id === q.actorId) &&
    (q.targetType === undefined || e.targetType === q.targetType) &&
    (q.targetId === undefined || e.targetId === q.targetId) &&
    (q.from === undefined || e.at.getTime() >= q.from.getTime()) &&
    (q.to === undefined || e.at.getTime() < q.to.getTime())
  );
}
