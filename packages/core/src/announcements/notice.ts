import type { Problems } from '../shared/errors.js';
import { checkSchedule, checkText, stateAt, type AnnouncementState } from './schedule.js';

/** A campus notice (首页通知): shown on the home page while live, pinned ones first. */
export interface Notice {
  readonly id: string;
  readonly campusId: string;
  readonly title: string;
  readonly body: string;
  readonly pinned: boolean;
  readonly startsAt: Date;
  readonly endsAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** The admin account that created it. */
  readonly createdBy: string;
}

export const NOTICE_LIMITS = { titleMax: 60, bodyMax: 5000, liveMax: 20, adminMax: 200 } as const;

export interface NoticeFields {
  readonly title: string;
  readonly body: string;
  readonly pinned: boolean;
  readonly startsAt: Date;
  readonly endsAt: Date | null;
}

export function checkNoticeFields(p: Problems, fields: NoticeFields): NoticeFields {
  const title = checkText(p, 'title', fields.title, { min: 1, max: NOTICE_LIMITS.titleMax, name: '标题' });
  const body = checkText(p, 'body', fields.body, {
    min: 1,
    max: NOTICE_LIMITS.bodyMax,
    name: '正文',
    multiline: true,
  });
  checkSchedule(p, fields);
  return { ...fields, title, body };
}

export const noticeState = (notice: Notice, now: Date): AnnouncementState => stateAt(notice, now);
