import type { Problems } from '../shared/errors.js';

/** Where an announcement stands against the clock: not yet shown, shown, or past its end. */
export type AnnouncementState = 'scheduled' | 'live' | 'ended';

export interface Schedule {
  readonly startsAt: Date;
  /** Null: shown until an admin ends or deletes it. */
  readonly endsAt: Date | null;
}

export function stateAt(schedule: Schedule, now: Date): AnnouncementState {
  if (now.getTime() < schedule.startsAt.getTime()) return 'scheduled';
  if (schedule.endsAt !== null && now.getTime() >= schedule.endsAt.getTime()) return 'ended';
  return 'live';
}

export const isLiveAt = (schedule: Schedule, now: Date): boolean => stateAt(schedule, now) === 'live';

/** An end at or before the start would make an announcement that is never shown. */
export function checkSchedule(p: Problems, schedule: Schedule): void {
  p.check(!Number.isNaN(schedule.startsAt.getTime()), 'startsAt', '开始时间无效');
  if (schedule.endsAt === null) return;
  if (Number.isNaN(schedule.endsAt.getTime())) {
    p.add('endsAt', '结束时间无效');
    return;
  }
  p.check(schedule.endsAt.getTime() > schedule.startsAt.getTime(), 'endsAt', '结束时间必须晚于开始时间');
}

/** Control characters are never text; as at the HTTP edge, only multi-line text may hold tabs and line breaks. */
const CONTROL = /\p{Cc}/u;

/** Length in characters (not UTF-16 units), after trimming; the trimmed text is what is stored. */
export function checkText(
  p: Problems,
  field: string,
  text: string,
  limits: { min: number; max: number; name: string; multiline?: boolean },
): string {
  const trimmed = text.trim();
  const length = [...trimmed].length;
  p.check(length >= limits.min, field, `请填写${limits.name}`);
  p.check(length <= limits.max, field, `${limits.name}最多 ${limits.max} 个字`);
  const checked = limits.multiline ? trimmed.replace(/[\t\n\r]/g, '') : trimmed;
  p.check(!CONTROL.test(checked), field, `${limits.name}不能含控制字符`);
  return trimmed;
}

/** An announcement with its state at the moment it was read. */
export type Stated<T extends Schedule> = T & { readonly state: AnnouncementState };

export const stated = <T extends Schedule>(item: T, now: Date): Stated<T> => ({ ...item, state: stateAt(item, now) });
