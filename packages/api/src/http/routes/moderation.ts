import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  REPORT_REASONS,
  type ListReviewQueue,
  type ModerationCase,
  type ReportContent,
  type ResolveCase,
  type ReviewItem,
} from '@xianzhi/core';
import { encodeTimeIdCursor, readTimeIdCursor } from '../cursors.js';
import { orFail } from '../errors.js';
import { photoUrls } from '../presenters.js';
import { IdParams, responses } from '../schemas/common.js';
import {
  REPORT_REASON_VALUES,
  ReportAccepted,
  ReportBody,
  ReportReasons,
  ResolveBody,
  ReviewCase,
  ReviewPage,
  ReviewQuerystring,
  type ReviewCaseBody,
} from '../schemas/moderation.js';

export interface ModerationRouteDeps {
  readonly report: ReportContent;
  readonly queue: ListReviewQueue;
  readonly resolve: ResolveCase;
}

function reviewCase(c: ModerationCase, item?: Omit<ReviewItem, 'case'>): ReviewCaseBody {
  return {
    id: c.id,
    targetType: c.targetType,
    targetId: c.targetId,
    campusId: c.campusId,
    status: c.status,
    reportCount: c.reportCount,
    uncheckedFields: c.uncheckedFields,
    hidden: c.hidden,
    openedAt: c.openedAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    resolution: c.resolution,
    target: {
      summary: item?.target.summary ?? null,
      listingId: item?.target.listingId ?? null,
      ownerId: item?.target.ownerId ?? null,
      status: item?.target.status ?? null,
      photoUrl: c.targetType === 'photo' ? photoUrls(c.targetId).medium : null,
    },
    reports: (item?.reports ?? []).map((r) => ({
      id: r.id,
      reason: r.reason,
      reasonLabel: REPORT_REASONS[r.reason],
      details: r.details,
      reporterId: r.reporterId,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

function beforeCase(cursor: string | undefined): { updatedAt: Date; id: string } | null {
  const before = readTimeIdCursor(cursor);
  return before && { updatedAt: before.at, id: before.id };
}

/** Students report; admins review what was reported or let through while the safety checker was down. */
export function moderationRoutes(deps: ModerationRouteDeps): FastifyPluginAsyncTypebox {
  const admin = { tags: ['admin'], security: [{ bearerAuth: [] }] };
  return async (app) => {
    app.get(
      '/reports/reasons',
      {
        schema: {
          tags: ['reports'],
          summary: 'The reasons a report may give, with their labels',
          response: responses({ 200: ReportReasons }),
        },
      },
      async () => ({ reasons: REPORT_REASON_VALUES.map((value) => ({ value, label: REPORT_REASONS[value] })) }),
    );

    app.post(
      '/reports',
      {
        schema: {
          tags: ['reports'],
          security: [{ bearerAuth: [] }],
          summary:
            'Report a listing, a comment or a user (verified students, once per target). Enough reports hide it until an admin decides',
          body: ReportBody,
          response: responses({ 201: ReportAccepted }),
        },
      },
      async (request, reply) => {
        const { targetType, targetId, reason, details } = request.body;
        orFail(
          await deps.report.execute({
            actor: request.actor,
            targetType,
            targetId,
            reason,
            ...(details !== undefined ? { details } : {}),
          }),
        );
        reply.code(201);
        // Whether this report hid the target stays with the admins.
        return { received: true as const };
      },
    );

    app.get(
      '/admin/moderation/cases',
      {
        schema: {
          ...admin,
          summary:
            'Open review cases, grouped by target with their reports, newest activity first (campus admins: their campus)',
          querystring: ReviewQuerystring,
          response: responses({ 200: ReviewPage }),
        },
      },
      async (request) => {
        const limit = request.query.limit ?? 20;
        const items = orFail(
          await deps.queue.execute({
            actor: request.actor,
            limit: limit + 1,
            before: beforeCase(request.query.cursor),
          }),
        );
        const page = items.slice(0, limit);
        return {
          items: page.map((i) => reviewCase(i.case, i)),
          nextCursor:
            items.length > limit ? encodeTimeIdCursor(page.at(-1)!.case.updatedAt, page.at(-1)!.case.id) : null,
        };
      },
    );

    app.post(
      '/admin/moderation/cases/:id/resolve',
      {
        schema: {
          ...admin,
          summary:
            'Restore (un-hide, close the reports) or remove with a reason (listing removed, comment deleted, user banned)',
          params: IdParams,
          body: ResolveBody,
          response: responses({ 200: ReviewCase }),
        },
      },
      async (request) =>
        reviewCase(
          orFail(
            await deps.resolve.execute({
              actor: request.actor,
              caseId: request.params.id,
              decision: request.body.decision,
              ...(request.body.reason !== undefined ? { reason: request.body.reason } : {}),
            }),
          ),
        ),
    );
  };
}
