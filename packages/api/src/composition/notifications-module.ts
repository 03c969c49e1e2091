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
  DEFAULT_DELIVERY_POLICY,
  DeliverNotifications,
  deliverJobIds,
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
  type DeliveryPolicy,
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
import { Background, type PeriodicTask, type QueueConsumer } from './background-tokens.js';
import { Notify } from './notifications-tokens.js';
import { Observability } from './observability-tokens.js';
import { factory, named } from './token.js';
import { Config, Core, HttpRoutes, Ports } from './tokens.js';

/** Fan-out batches are quick database work; a failing one retries for about a minute. */
export const FANOUT_CONSUMER_OPTIONS = { concurrency: 2, maxAttempts: 8, backoffMs: 500 } as const;
/** Sends back off 2 s, 4 s … about a minute in all, then become dead letters. */
export const DELIVER_ATTEMPTS = 6;
export const DELIVER_BACKOFF_MS = 2000;

/**
 * XZ_NOTIFY_SEND_CONCURRENCY requests in flight per worker: two batch jobs at a time (one's database
 * work overlaps the other's sends), each sending in waves of half the requests. A crash therefore
 * leaves at most that many deliveries `unknown`.
 */
export function deliveryLanes(config: AppConfig): { jobs: number; wave: number } {
  const total = config.notifications.sendConcurrency;
  const jobs = Math.min(2, total);
  return { jobs, wave: Math.max(1, Math.floor(total / jobs)) };
}

/** The delivery policy with the lease of XZ_NOTIFY_LEASE_SECONDS. */
export function deliveryPolicy(config: AppConfig): DeliveryPolicy {
  return { ...DEFAULT_DELIVERY_POLICY, leaseMs: config.notifications.leaseSeconds * 1000 };
}

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
    // One store read per second instead of one per message of a fan-out.
    memoMs: 1000,
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

  named(bind(Notify.Recorder), (deps) => new NotificationRecorder(deps), {
    notifications: Ports.Notifications,
    users: Ports.Users,
    queue: Background.Queue,
    ids: Core.Ids,
    clock: Core.Clock,
  });
  named(bind(Notify.Rules), (deps) => new NotificationRules(deps), {
    recorder: Notify.Recorder,
    listings: Ports.Listings,
    comments: Ports.Comments,
    users: Ports.Users,
    queue: Background.Queue,
    clock: Core.Clock,
  });
  factory(bind(Notify.FanOut), (sources, recorder, queue) => new FanOutPriceDrop(sources, recorder, queue), [
    Ports.NotificationSources,
    Notify.Recorder,
    Background.Queue,
  ]);
  factory(
    bind(Notify.Deliver),
    (config, notifications, users, sender, uow, clock) =>
      new DeliverNotifications({
        notifications,
        users,
        sender,
        uow,
        clock,
        policy: deliveryPolicy(config),
        wave: deliveryLanes(config).wave,
      }),
    [Config.App, Ports.Notifications, Ports.Users, Notify.Sender, Ports.UnitOfWork, Core.Clock],
  );
  factory(bind(Notify.Bury), (notifications, clock) => new BuryDelivery(notifications, clock), [
    Ports.Notifications,
    Core.Clock,
  ]);

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
    (config, deliver, bury, logger, telemetry): QueueConsumer<DeliverJob> => ({
      queue: NOTIFY_DELIVER_QUEUE,
      handler: async (job) => {
        const results = await deliver.execute({ notificationIds: deliverJobIds(job.payload) });
        for (const result of results.values()) telemetry.notificationOutcome(result);
      },
      options: {
        concurrency: deliveryLanes(config).jobs,
        maxAttempts: DELIVER_ATTEMPTS,
        backoffMs: DELIVER_BACKOFF_MS,
        onExhausted: async (job, err) => {
          for (const notificationId of deliverJobIds(job.payload as DeliverJob))
            if (await bury.execute({ notificationId, error: err })) {
              telemetry.notificationOutcome('failed');
              logger.warn({ err, key: job.key }, 'QQ message failed on every attempt: kept as a dead letter');
            }
        },
      },
    }),
    [Config.App, Notify.Deliver, Notify.Bury, Config.Logger, Observability.Telemetry],
  );

  const every = (config: AppConfig) => config.expiryIntervalMinutes * 60_000;
  factory(
    bind(Background.PeriodicTask),
    (config, sources, recorder, clock): PeriodicTask => {
      const task = new NotifyExpiringListings(sources, recorder, clock);
      return { name: 'notify-expiring', everyMs: every(config), run: () => task.execute() };
    },
    [Config.App, Ports.NotificationSources, Notify.Recorder, Core.Clock],
  );
  factory(
    bind(Background.PeriodicTask),
    (config, notifications, queue, clock, telemetry): PeriodicTask => {
      const task = new SweepDeliveryLeases(notifications, queue, clock);
      const run = async () => {
        const swept = await task.execute();
        telemetry.notificationOutcome('unknown', swept.unknown);
        return swept;
      };
      // Claims of a dead worker are taken back within half a lease of running out (every 15 s at most).
      return { name: 'notify-lost-sends', everyMs: Math.min(15_000, deliveryPolicy(config).leaseMs / 2), run };
    },
    [Config.App, Ports.Notifications, Background.Queue, Core.Clock, Observability.Telemetry],
  );
  factory(
    bind(Background.PeriodicTask),
    (notifications, queue, clock): PeriodicTask => {
      const task = new RedeliverPending(notifications, queue, clock);
      return { name: 'notify-redeliver', everyMs: 15_000, run: () => task.execute() };
    },
    [Ports.Notifications, Background.Queue, Core.Clock],
  );

  factory(
    bind(HttpRoutes.Api),
    (config, notifications, clock, auditLog) =>
      notificationRoutes({
        list: new ListMyNotifications(notifications),
        unread: new CountUnreadNotifications(notifications),
        markRead: new MarkNotificationRead(notifications, clock),
        markAllRead: new MarkAllNotificationsRead(notifications, clock),
        getSettings: new GetNotificationSettings(notifications),
        updateSettings: new UpdateNotificationSettings(notifications),
        recordConsents: new RecordNotificationConsents(notifications, clock),
        deadLetters: new ListDeadLetters(notifications),
        retryDeadLetter: new RetryDeadLetter(notifications, auditLog, clock),
        templates: Object.fromEntries(
          NOTIFICATION_KINDS.flatMap((k) =>
            config.notifications.templates[k] ? [[k, config.notifications.templates[k]]] : [],
          ),
        ),
      }),
    [Config.App, Ports.Notifications, Core.Clock, Ports.AuditLog],
  );
});
