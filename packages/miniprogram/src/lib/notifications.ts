import type { ListingKind, NotificationItem, NotificationKind } from '../api/types';
import { api } from '../api/endpoints';
import { formatFen } from './money';
import { describeTradeNotice, TRADE_KIND_LABEL } from './trade-notices';

export const KIND_LABEL: Record<NotificationKind, string> = {
  comment: '新留言',
  reply: '回复我的',
  price_drop: '降价提醒',
  wanted_match: '求购匹配',
  expiring: '即将到期',
  removed: '下架通知',
  hidden: '举报隐藏',
  restored: '恢复展示',
  feedback_reply: '反馈回复',
  ...TRADE_KIND_LABEL,
  saved_search: '订阅提醒',
};

/** Only in the inbox: nothing to mute, so the settings list leaves them out (the API refuses muting them). */
export const MUTABLE_KINDS = (Object.keys(KIND_LABEL) as NotificationKind[]).filter(
  (k) => k !== 'hidden' && k !== 'restored' && k !== 'feedback_reply',
);

const str = (v: unknown) =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
const price = (v: unknown) => (typeof v === 'number' ? formatFen(v) : '面议');

/**
 * Several unread comments (or replies) of one listing come as one entry with their `count`, shown as
 * the newest: 有 3 条新留言，最新来自 鲍勃：还在吗 (the card shows the listing's title just above).
 */
function folded(n: NotificationItem, what: string, latest: string): string {
  return n.readAt ? `共 ${n.count} 条${what}，最新来自 ${latest}` : `有 ${n.count} 条新${what}，最新来自 ${latest}`;
}

/** One line saying what happened, from the notification's small data payload. */
export function describe(n: NotificationItem): string {
  const d = n.data;
  const kind = n.kind;
  switch (kind) {
    case 'comment': {
      const latest = `${str(d.actorNickname)}：${str(d.excerpt)}`;
      return n.count > 1 ? folded(n, '留言', latest) : latest;
    }
    case 'reply':
      return n.count > 1
        ? folded(n, '回复', `${str(d.actorNickname)}：${str(d.excerpt)}`)
        : `${str(d.actorNickname)} 回复了你：${str(d.excerpt)}`;
    case 'price_drop':
      return `你收藏的宝贝降价了：${price(d.oldPrice)} → ${price(d.newPrice)}`;
    case 'wanted_match':
      return `新发布 ${price(d.price)}，符合你的求购「${str(d.wantedTitle)}」`;
    case 'expiring':
      return '将在一天内到期，擦亮可以续期';
    case 'removed':
      return `已被管理员下架：${str(d.reason)}`;
    case 'hidden':
      // The card shows the title just above: 你的「标题」 would say it twice.
      return '因多人举报已暂时隐藏，等待管理员审核';
    case 'restored':
      return '管理员审核后已恢复，其他同学又能看到了';
    case 'feedback_reply':
      return `${str(d.title)}：${str(d.text)}`;
    case 'saved_search':
      return `新发布 ${price(d.price)}，符合你的订阅「${str(d.query)}」`;
    default:
      return describeTradeNotice(kind, d);
  }
}

/** The QQ reminders a new post asks for: a wanted post is waiting for a match above all. */
export function consentKindsFor(kind: ListingKind): NotificationKind[] {
  return kind === 'wanted' ? ['wanted_match', 'comment', 'reply'] : ['comment', 'reply', 'expiring'];
}

let templatesCache: Record<string, string> | null = null;

/** Fetches the template ids ahead of the tap: QQ accepts `subscribeAppMsg` only inside a user's tap. */
export async function primeSubscriptionTemplates(): Promise<void> {
  if (process.env.TARO_ENV !== 'qq' || templatesCache) return;
  try {
    templatesCache = (await api.notificationSettings()).templates;
  } catch {
    // Signed out or offline: asked for again on the next page show.
  }
}

/**
 * Called at the start of a tap that will bring news (publishing, favoriting): asks for QQ
 * subscription messages of those kinds and reports the ones the student accepted (each allows one
 * message). Only the QQ build can ask; the web build keeps the inbox.
 */
export async function askForSubscription(kinds: NotificationKind[]): Promise<void> {
  if (process.env.TARO_ENV !== 'qq') return;
  try {
    const templates = templatesCache ?? (templatesCache = (await api.notificationSettings()).templates);
    const tmplIds = kinds
      .map((k) => templates[k])
      .filter((id): id is string => Boolean(id))
      .slice(0, 3);
    if (tmplIds.length === 0) return;
    const qqApi = (globalThis as unknown as { qq?: { subscribeAppMsg(o: object): void } }).qq;
    if (!qqApi) return;
    const accepted = await new Promise<string[]>((resolve) => {
      qqApi.subscribeAppMsg({
        tmplIds,
        subscribe: true,
        success: (res: Record<string, unknown>) => resolve(tmplIds.filter((id) => res[id] === 'accept')),
        fail: () => resolve([]),
      });
    });
    if (accepted.length > 0) await api.reportConsents(accepted);
  } catch {
    // Declining or a failed report only means no QQ message: the inbox still tells them.
  }
}
