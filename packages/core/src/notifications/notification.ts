import { formatFen } from '../shared/money.js';

export const NOTIFICATION_KINDS = [
  'comment',
  'reply',
  'price_drop',
  'wanted_match',
  'expiring',
  'removed',
  'hidden',
  'restored',
  'feedback_reply',
  'want_received',
  'offer_received',
  'offer_countered',
  'offer_accepted',
  'offer_declined',
  'offer_expired',
  'trade_opened',
  'trade_confirmed',
  'trade_completed',
  'trade_cancelled',
  'rating_received',
  'saved_search',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * Reports hid a listing, an admin restored it: the owner reads these in the inbox only. They are
 * interim news about a review (the decision, if it is a removal, comes as `removed`), so they neither
 * need a QQ template nor can be muted. An admin's answer to feedback is read where the student
 * left it (意见反馈) and in the inbox; no QQ template is configured for it.
 */
export const INBOX_ONLY_KINDS = ['hidden', 'restored', 'feedback_reply'] as const satisfies readonly NotificationKind[];
/** Kinds that may go out as QQ subscription messages: each has a template variable and a mute switch. */
export type QqNotificationKind = Exclude<NotificationKind, (typeof INBOX_ONLY_KINDS)[number]>;
export const QQ_NOTIFICATION_KINDS = NOTIFICATION_KINDS.filter((k): k is QqNotificationKind => !isInboxOnly(k));
/**
 * What a banned user is still told, in the inbox: what moderation did to their listings, and the admins'
 * answers to their feedback (they see both if the ban is lifted).
 */
export const MODERATION_KINDS: readonly NotificationKind[] = ['removed', 'hidden', 'restored', 'feedback_reply'];

/** The mini-program page an answered feedback opens (it lists the student's feedback with the replies). */
export const FEEDBACK_PAGE = 'pages/feedback/index';

export function isInboxOnly(kind: NotificationKind): boolean {
  return (INBOX_ONLY_KINDS as readonly NotificationKind[]).includes(kind);
}

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === 'string' && (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/** Small, display-ready context: titles, prices in fen, a reason, a nickname. Never contact data. */
export type NotificationData = Readonly<Record<string, string | number | null>>;

/**
 * One thing told to one user. `key` is `<eventId>:<recipientId>` and unique, so running a rule
 * again for the same event (a retried job, a second worker) creates nothing new.
 */
export interface Notification {
  readonly id: string;
  readonly key: string;
  readonly recipientId: string;
  readonly campusId: string;
  readonly kind: NotificationKind;
  readonly listingId: string | null;
  readonly data: NotificationData;
  readonly createdAt: Date;
  readonly readAt: Date | null;
}

/**
 * Kinds whose unread notices of one listing fold into one inbox entry (finding 5 of issue 16: fifty
 * comments on a listing were fifty unread lines). Each notice is still its own row with its own QQ
 * delivery; only the inbox shows them as one. All unread notices of one kind and listing are one entry;
 * reading it closes it, so what was read stays apart from what comes after.
 */
export const COLLAPSING_KINDS = ['comment', 'reply'] as const satisfies readonly NotificationKind[];

export function collapses(n: Pick<Notification, 'kind' | 'listingId'>): boolean {
  return n.listingId !== null && (COLLAPSING_KINDS as readonly NotificationKind[]).includes(n.kind);
}

/**
 * The inbox entry a new notice is shown under: the open entry of its kind and listing for a collapsing
 * kind (the same for every notice of it, so concurrent workers agree), else its own. Reading an open
 * entry closes it under `closedEntryKey` of its newest notice.
 */
export function openEntryKey(n: Pick<Notification, 'id' | 'kind' | 'listingId'>): string {
  return collapses(n) ? `open:${n.kind}:${n.listingId}` : n.id;
}

export function closedEntryKey(newestId: string): string {
  return `read:${newestId}`;
}

/**
 * One line of the inbox: a notice standing alone (`count` 1), or the notices folded into one entry,
 * shown as the newest of them (its id, data and time) with how many there are. It is unread
 * (`readAt` null) while any of them is.
 */
export interface InboxEntry extends Notification {
  readonly count: number;
}

export function notificationKey(eventKey: string, recipientId: string): string {
  return `${eventKey}:${recipientId}`;
}

/**
 * The QQ delivery of one notification (key `<notificationId>:qq`).
 * pending → sending (claimed by one worker) → sent | skipped | pending again (retryable failure);
 * pending → dead when the retries run out. A claim whose worker died goes back to pending if its
 * request had not started, and to unknown if it had (QQ may or may not have the message).
 */
export type DeliveryState = 'pending' | 'sending' | 'sent' | 'skipped' | 'dead' | 'unknown';
export type SkipReason =
  'muted' | 'no_consent' | 'rate_limited' | 'consent_revoked' | 'quota' | 'no_template' | 'no_recipient' | 'banned';

export interface Delivery {
  readonly notificationId: string;
  readonly key: string;
  readonly channel: 'qq';
  readonly recipientId: string;
  readonly campusId: string;
  readonly kind: NotificationKind;
  readonly state: DeliveryState;
  readonly reason: SkipReason | null;
  /** The gate (mute, rate limit, consent) has passed and the consent is spent: a retry must not spend again. */
  readonly prepared: boolean;
  /** The request to QQ has started: from here a lost worker leaves the outcome unknown. */
  readonly requested: boolean;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly leaseUntil: Date | null;
  readonly updatedAt: Date;
}

export function deliveryKey(notificationId: string): string {
  return `${notificationId}:qq`;
}

/** Dead letters: deliveries that ran out of retries, or whose outcome a crash left unknown. */
export interface DeadLetter {
  readonly delivery: Delivery;
  readonly notification: Notification;
}

const RATING_WORDS: Readonly<Record<string, string>> = { good: '好评', neutral: '中评', bad: '差评' };

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const str = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));
const price = (v: string | number | null | undefined) => (typeof v === 'number' ? formatFen(v) : '面议');

/** Notices about a trade that has begun: their message opens the trade, as a tap in the inbox does. */
const TRADE_PAGE_KINDS: ReadonlySet<NotificationKind> = new Set([
  'offer_accepted',
  'trade_opened',
  'trade_confirmed',
  'trade_completed',
  'trade_cancelled',
  'rating_received',
]);

/** The mini-program page a subscription message opens. */
function pageFor(n: Notification): string {
  if (n.kind === 'feedback_reply') return FEEDBACK_PAGE;
  const tradeId = n.data['tradeId'];
  if (TRADE_PAGE_KINDS.has(n.kind) && typeof tradeId === 'string' && tradeId !== '')
    return `pages/trade/index?id=${encodeURIComponent(tradeId)}`;
  return n.listingId ? `pages/detail/index?id=${n.listingId}` : 'pages/notifications/index';
}

/**
 * What a subscription message says: the page it opens and its keyword values in template order.
 * QQ cuts keyword values at 20 characters, so they are clipped here where the words are chosen.
 */
export function messageFor(n: Notification): { page: string; fields: string[] } {
  const page = pageFor(n);
  const d = n.data;
  const title = str(d['listingTitle']);
  const offerPrice = price(d['price']);
  const fields: Record<NotificationKind, string[]> = {
    comment: [title, `${str(d['actorNickname'])}：${str(d['excerpt'])}`],
    reply: [title, `${str(d['actorNickname'])} 回复你：${str(d['excerpt'])}`],
    price_drop: [title, `${price(d['oldPrice'])} → ${price(d['newPrice'])}`],
    wanted_match: [title, `${price(d['price'])}，符合你的求购「${str(d['wantedTitle'])}」`],
    expiring: [title, `将于 ${str(d['expiresAt']).slice(0, 16).replace('T', ' ')} 下架，可擦亮续期`],
    removed: [title, `已被管理员下架：${str(d['reason'])}`],
    // Never sent (inbox only); worded anyway so the record stays total.
    hidden: [title, '因多人举报已暂时隐藏，等待审核'],
    restored: [title, '审核通过，已恢复展示'],
    feedback_reply: [str(d['title']), str(d['text'])],
    want_received: [title, `${str(d['actorNickname'])} 想要你的闲置`],
    offer_received: [title, `收到出价 ${offerPrice}`],
    offer_countered: [title, `卖家还价 ${offerPrice}`],
    offer_accepted: [title, `出价 ${offerPrice} 已被接受，交易已开始`],
    offer_declined: [title, `出价 ${offerPrice} 被拒绝`],
    offer_expired: [title, `出价 ${offerPrice} 已过期`],
    trade_opened: [title, '卖家选择与你交易，请当面验货付款'],
    trade_confirmed: [title, '对方已确认成交，请确认或取消'],
    trade_completed: [title, '交易已完成，去评价对方吧'],
    trade_cancelled: [title, `交易已取消：${str(d['reason'])}`],
    rating_received: [title, `你收到了一条${RATING_WORDS[str(d['score'])] ?? '评价'}`],
    saved_search: [title, `${price(d['price'])}，订阅「${str(d['query'])}」`],
  };
  return { page, fields: fields[n.kind].map((f) => clip(f, 20)) };
}
