import { DomainError } from '../shared/errors.js';

export type ModerationTargetType = 'listing' | 'comment' | 'user' | 'photo' | 'rating';
/** What students may report; photos reach review only through the safety queue. */
export type ReportTargetType = Exclude<ModerationTargetType, 'photo'>;
export const REPORT_TARGET_TYPES: readonly ReportTargetType[] = ['listing', 'comment', 'user', 'rating'];

export const REPORT_REASONS = {
  fake: '虚假信息',
  prohibited: '违禁物品',
  scam: '诈骗',
  harassment: '骚扰辱骂',
  spam: '广告刷屏',
  other: '其他',
} as const;
export type ReportReason = keyof typeof REPORT_REASONS;
export const REPORT_DETAILS_MAX = 500;

export type CaseStatus = 'open' | 'restored' | 'removed';

/**
 * One piece of content (a listing, comment, user or photo) waiting for an admin: reported by students,
 * let through while the safety checker was down, or both. At most one open case per target; resolving
 * closes it with its reports.
 */
export interface ModerationCase {
  readonly id: string;
  readonly targetType: ModerationTargetType;
  readonly targetId: string;
  readonly campusId: string;
  status: CaseStatus;
  /** Reports on this case; each from a different verified student. */
  reportCount: number;
  /** Fields published without a safety check (the checker was down and the policy is `accept`). */
  uncheckedFields: string[];
  /** Hidden from others (a listing or comment), or flagged for review (a user), after enough reports. */
  hidden: boolean;
  /** The listing's status before it was hidden, to restore it. */
  hiddenFromStatus: string | null;
  readonly openedAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  resolution: string | null;
}

export interface Report {
  readonly id: string;
  readonly caseId: string;
  readonly targetType: ReportTargetType;
  readonly targetId: string;
  readonly reporterId: string;
  readonly reason: ReportReason;
  readonly details: string;
  readonly createdAt: Date;
}

export function openCase(input: {
  id: string;
  targetType: ModerationTargetType;
  targetId: string;
  campusId: string;
  now: Date;
}): ModerationCase {
  return {
    id: input.id,
    targetType: input.targetType,
    targetId: input.targetId,
    campusId: input.campusId,
    status: 'open',
    reportCount: 0,
    uncheckedFields: [],
    hidden: false,
    hiddenFromStatus: null,
    openedAt: input.now,
    updatedAt: input.now,
    resolvedAt: null,
    resolvedBy: null,
    resolution: null,
  };
}

export interface OpenCasesQuery {
  /** Only this campus; all campuses when absent (super admins). */
  readonly campusId?: string;
  /** Keyset cursor: cases updated strictly before this (updatedAt, id). */
  readonly before?: { updatedAt: Date; id: string } | null;
  readonly limit: number;
}

export interface ModerationCaseRepository {
  byId(id: string): Promise<ModerationCase | null>;
  /** The open case of a target, if any. */
  openFor(targetType: ModerationTargetType, targetId: string): Promise<ModerationCase | null>;
  /**
   * The open case of `candidate`'s target: the one already open, or `candidate` itself, inserted. Two
   * callers at once (two first reports) get the same case, never an error.
   */
  open(candidate: ModerationCase): Promise<ModerationCase>;
  /** Inserts or updates. A second open case for the same target is refused (unique). */
  save(c: ModerationCase): Promise<void>;
  /** Open cases, most recently updated first. */
  listOpen(query: OpenCasesQuery): Promise<ModerationCase[]>;
  /** Every case of a target, open or resolved, newest opened first (the back office's history). */
  forTarget(targetType: ModerationTargetType, targetId: string, limit: number): Promise<ModerationCase[]>;
}

export interface ReportRepository {
  /** False, and nothing stored, when this reporter already reported this target (ever). */
  add(report: Report): Promise<boolean>;
  /** Oldest first. */
  forCase(caseId: string): Promise<Report[]>;
}

export class AlreadyReported extends DomainError<'ALREADY_REPORTED'> {
  readonly code = 'ALREADY_REPORTED' as const;
  constructor() {
    super('你已经举报过了，管理员会尽快处理');
  }
}

export class CannotReportOwn extends DomainError<'CANNOT_REPORT_OWN'> {
  readonly code = 'CANNOT_REPORT_OWN' as const;
  constructor(readonly targetType: ReportTargetType) {
    super(targetType === 'user' ? '不能举报自己' : '不能举报自己发布的内容');
  }
}

export class ReportTargetNotFound extends DomainError<'REPORT_TARGET_NOT_FOUND'> {
  readonly code = 'REPORT_TARGET_NOT_FOUND' as const;
  constructor(
    readonly targetType: string,
    readonly targetId: string,
  ) {
    super('要举报的内容不存在或已被删除', { targetType, targetId });
  }
}

export class ModerationCaseNotFound extends DomainError<'MODERATION_CASE_NOT_FOUND'> {
  readonly code = 'MODERATION_CASE_NOT_FOUND' as const;
  constructor(readonly caseId: string) {
    super('审核事项不存在', { caseId });
  }
}

export class ModerationCaseClosed extends DomainError<'MODERATION_CASE_CLOSED'> {
  readonly code = 'MODERATION_CASE_CLOSED' as const;
  constructor(
    readonly caseId: string,
    readonly status: CaseStatus,
  ) {
    super('该事项已被处理，请刷新列表', { caseId, status });
  }
}
