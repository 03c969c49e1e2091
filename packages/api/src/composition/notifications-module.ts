import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  HttpQqAccessTokens,
  HttpQqSubscriptionSender,
  InMemoryAccessTokenStore,
  RedisAccessTokenStore,
  type QqAccessTokens,
} from '@xianzhi/adapters';
import {
  BuryDelivery,
  CountUnreadNotifications,
  DeliverNotification,
  FanOutPriceDrop,
  GetNotificationSettings,
  ListDeadLetters,
  ListMyNotifications,
  MarkAllNotificationsRead,
  MarkNotificationRead,
  NOTIFICATION_KINDS,
  NOTIFY_DELIVER_QUEUE,
  NOTIFY_FANOUT_QUEUE,
  NotificationRecorder,
  NotificationRules,
  NotifyExpiringListings,
  RecordNotificationConsents,
  RedeliverPending,
  RetryDeadLetter,
  SweepDeliveryLeases,
  UpdateNotificationSettings,
  type DeliverJob,
  type FanOutJob,
  type NotificationKind,
  type SendOutcome,
  type SubscriptionMessage,
  type SubscriptionMessageSender,
} from '@xianzhi/core';
import { ContainerModule } from 'inversify';
import type { Logger } from 'pino';
import type { AppConfig } from '../config.js';
import { notificationRoutes } from '../http/routes/notifications.js';
import { Background, type PeriodicTask, type QueueConsumer } from './background.js';
import { factory, token } from './token.js';
import { Config, Core, Ports } from './tokens.js';

export const Notify = {
  /** The app's QQ access token, shared by every process (Redis when configured); null without a QQ app. */
  AccessTokens: token<QqAccessTokens | null>('QqAccessTokens'),
  Sender: token<SubscriptionMessageSender>('SubscriptionMessageSender'),
  Recorder: token<NotificationRecorder>('NotificationRecorder'),
  Rules: token<NotificationRules>('NotificationRules'),
  FanOut: token<FanOutPriceDrop>('FanOutPriceDrop'),
  Deliver: token<DeliverNotification>('DeliverNotification'),
  Bury: token<BuryDelivery>('BuryDelivery'),
  Routes: token<FastifyPluginAsyncTypebox>('NotificationRoutes'),
};

/** Fan-out batches are quick database work; a failing one retries for about a minute. */
export const FANOUT_CONSUMER_OPTIONS = { concurrency: 2, maxAttempts: 8, backoffMs: 500 } as const;
/** Sends back off 2 s, 4 s … about a minute in all, then become dead letters. */
export const DELIVER_ATTEMPTS = 6;
export const DELIVER_BACKOFF_MS = 2000;

/**
 * The demo platform's sender: logs that it would send (kind and page, never the openid or the
 * text) and reaches no network. Embedded mode without a QQ app uses it.
 */
export class LoggingSubscriptionSender implements SubscriptionMessageSender {
  constructor(
    private readonly templates: Partial<Record<NotificationKind, string>>,
    private readonly log: Logger,
  ) {}
  supports(kind: NotificationKind): boolean {
    return Boolean(this.templates[kind]);
  }
  async send(message: SubscriptionMessage): Promise<SendOutcome> {
    // Kind and page only: the keyword values quote students' comments.
    this.log.info(
      { kind: message.kind, template: this.templates[message.kind], page: message.page },
      'demo QQ subscription message (not sent)',
    );
    return 'sent';
  }
}

function accessTokens(config: AppConfig): QqAccessTokens | null {
  if (!config.qq) return null;
  const store = config.redis
    ? RedisAccessTokenStore.connect(config.redis.url, config.redis.prefix)
    : new InMemoryAccessTokenStore();
  return new HttpQqAccessTokens({
    appId: config.qq.appId,
    appSecret: config.qq.appSecret,
    baseUrl: config.qq.apiBase,
    store,
  });
}

export const notificationsModule = new ContainerModule(({ bind }) => {
  factory(bind(Notify.AccessTokens), (config) => accessTokens(config), [Config.App]);
  factory(
    bind(Notify.Sender),
    (config, tokens, logger): SubscriptionMessageSender =>
      tokens && config.qq
        ? new HttpQqSubscriptionSender({
            tokens,
            templates: config.notifications.templates,
            baseUrl: config.qq.apiBase,
          })
        : new LoggingSubscriptionSender(config.notifications.templates, logger.child({ component: 'qq-demo' })),
    [Config.App, Notify.AccessTokens, Config.Logger],
  );

  factory(
    bind(Notify.Recorder),
    (p, queue, ids, clock) =>
      new NotificationRecorder({ notifications: p.notifications, users: p.users, queue, ids, clock }),
    [Ports.Persistence, Background.Queue, Core.Ids, Core.Clock],
  );
  factory(
    bind(Notify.Rules),
    (recorder, p, queue, clock) =>
      new NotificationRules({ recorder, listings: p.listings, comments: p.comments, users: p.users, queue, clock }),
    [Notify.Recorder, Ports.Persistence, Background.Queue, Core.Clock],
  );
  factory(bind(Notify.FanOut), (p, recorder, queue) => new FanOutPriceDrop(p.notificationSources, recorder, queue), [
    Ports.Persistence,
    Notify.Recorder,
    Background.Queue,
  ]);
  factory(
    bind(Notify.Deliver),
    (p, sender, clock) =>
      new DeliverNotification({ notifications: p.notifications, users: p.users, sender, uow: p.uow, clock }),
    [Ports.Persistence, Notify.Sender, Core.Clock],
  );
  factory(bind(Notify.Bury), (p, clock) => new BuryDelivery(p.notifications, clock), [Ports.Persistence, Core.Clock]);

  factory(bind(Background.EventSubscriber), (rules) => rules, [Notify.Rules]);
  factory(
    bind(Background.QueueConsumer),
    (fanOut, logger): QueueConsumer<FanOutJob> => ({
      queue: NOTIFY_FANOUT_QUEUE,
      handler: async (job) => {
        await fanOut.execute(job.payload);
      },
      options: {
        ...FANOUT_CONSUMER_OPTIONS,
        onExhausted: async (job, err) =>
          logger.error(
            { err, key: job.key },
            'price-drop fan-out batch failed on every attempt; its favoriters were not told',
          ),
      },
    }),
    [Notify.FanOut, Config.Logger],
  );
  factory(
    bind(Background.QueueConsumer),
    (config, deliver, bury, logger): QueueConsumer<DeliverJob> => ({
      queue: NOTIFY_DELIVER_QUEUE,
      handler: async (job) => {
        await deliver.execute(job.payload);
      },
      options: {
        concurrency: config.notifications.sendConcurrency,
        maxAttempts: DELIVER_ATTEMPTS,
        backoffMs: DELIVER_BACKOFF_MS,
        onExhausted: async (job, err) => {
          if (await bury.execute({ notificationId: (job.payload as DeliverJob).notificationId, error: err })) {
            logger.warn({ err, key: job.key }, 'QQ message failed on every attempt: kept as a dead letter');
          }
        },
      },
    }),
    [Config.App, Notify.Deliver, Notify.Bury, Config.Logger],
  );

  const every = (config: AppConfig) => config.expiryIntervalMinutes * 60_000;
  factory(
    bind(Background.PeriodicTask),
    (config, p, recorder, clock): PeriodicTask => {
      const task = new NotifyExpiringListings(p.notificationSources, recorder, clock);
      return { name: 'notify-expiring', everyMs: every(config), run: () => task.execute() };
    },
    [Config.App, Ports.Persistence, Notify.Recorder, Core.Clock],
  );
  factory(
    bind(Background.PeriodicTask),
    (p, queue, clock): PeriodicTask => {
      const task = new SweepDeliveryLeases(p.notifications, queue, clock);
      return { name: 'notify-lost-sends', everyMs: 15_000, run: () => task.execute() };
    },
    [Ports.Persistence, Background.Queue, Core.Clock],
  );
  factory(
    bind(Background.PeriodicTask),
    (p, queue, clock): PeriodicTask => {
      const task = new RedeliverPending(p.notifications, queue, clock);
      return { name: 'notify-redeliver', everyMs: 15_000, run: () => task.execute() };
    },
    [Ports.Persistence, Background.Queue, Core.Clock],
  );

  factory(
    bind(Notify.Routes),
    (config, p, clock, auditLog) =>
      notificationRoutes({
        list: new ListMyNotifications(p.notifications),
        unread: new CountUnreadNotifications(p.notifications),
        markRead: new MarkNotificationRead(p.notifications, clock),
        markAllRead: new MarkAllNotificationsRead(p.notifications, clock),
        getSettings: new GetNotificationSettings(p.notifications),
        updateSettings: new UpdateNotificationSettings(p.notifications),
        recordConsents: new RecordNotificationConsents(p.notifications, clock),
        deadLetters: new ListDeadLetters(p.notifications),
        retryDeadLetter: new RetryDeadLetter(p.notifications, auditLog, clock),
        templates: Object.fromEntries(
          NOTIFICATION_KINDS.flatMap((k) =>
            config.notifications.templates[k] ? [[k, config.notifications.templates[k]]] : [],
          ),
        ),
      }),
    [Config.App, Ports.Persistence, Core.Clock, Ports.AuditLog],
  );
});
