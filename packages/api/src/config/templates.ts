import { Type } from 'typebox';

/** A QQ subscription-message template id; embedded mode without a QQ app uses `demo-<kind>` (only logged). */
export const template = (kind: string, description: string) =>
  Type.Optional(
    Type.String({
      pattern: '^[\\w-]{1,128}$',
      errorMessage: 'must be a template id (letters, digits, - and _)',
      unsetMeans: `none: inbox only (\`demo-${kind}\` in embedded mode)`,
      description,
    }),
  );

/**
 * 想要, offers, trades and ratings (issue 15): one template per kind, because a student's consent is spent
 * per kind (each accepted subscription allows one message of its template). Keywords: listing title, what happened.
 */
export const TRADE_TEMPLATES = {
  XZ_QQ_TEMPLATE_WANT_RECEIVED: template('want_received', 'Template id for 有人想要 (someone wants your listing)'),
  XZ_QQ_TEMPLATE_OFFER_RECEIVED: template('offer_received', 'Template id for 收到出价 (an offer on your listing)'),
  XZ_QQ_TEMPLATE_OFFER_COUNTERED: template(
    'offer_countered',
    'Template id for 卖家还价 (the seller countered your offer)',
  ),
  XZ_QQ_TEMPLATE_OFFER_ACCEPTED: template('offer_accepted', 'Template id for 出价已接受 (a trade has started)'),
  XZ_QQ_TEMPLATE_OFFER_DECLINED: template('offer_declined', 'Template id for 出价被拒绝'),
  XZ_QQ_TEMPLATE_OFFER_EXPIRED: template('offer_expired', 'Template id for 出价已过期 (nobody answered in time)'),
  XZ_QQ_TEMPLATE_TRADE_OPENED: template(
    'trade_opened',
    'Template id for 交易开始 (the seller picked you as the buyer)',
  ),
  XZ_QQ_TEMPLATE_TRADE_CONFIRMED: template('trade_confirmed', 'Template id for 对方确认成交 (confirm or cancel)'),
  XZ_QQ_TEMPLATE_TRADE_COMPLETED: template('trade_completed', 'Template id for 交易完成 (time to rate each other)'),
  XZ_QQ_TEMPLATE_TRADE_CANCELLED: template('trade_cancelled', 'Template id for 交易取消 (with the reason)'),
  XZ_QQ_TEMPLATE_RATING_RECEIVED: template('rating_received', 'Template id for 收到评价 (a rating about you is shown)'),
};
