import type { QqAccessTokens } from '@xianzhi/adapters';
import type {
  BuryDelivery,
  DeliverNotifications,
  FanOutPriceDrop,
  NotificationRecorder,
  NotificationRules,
  SubscriptionMessageSender,
} from '@xianzhi/core';
import { token } from './token.js';

export const Notify = {
  /** The app's QQ access token, shared by every process (Redis when configured); null without a QQ app. */
  AccessTokens: token<QqAccessTokens | null>('QqAccessTokens'),
  Sender: token<SubscriptionMessageSender>('SubscriptionMessageSender'),
  Recorder: token<NotificationRecorder>('NotificationRecorder'),
  Rules: token<NotificationRules>('NotificationRules'),
  FanOut: token<FanOutPriceDrop>('FanOutPriceDrop'),
  Deliver: token<DeliverNotifications>('DeliverNotifications'),
  Bury: token<BuryDelivery>('BuryDelivery'),
};
