import { describe, expect, it } from 'vitest';
import { Metrics } from './metrics.js';

const sample = (text: string, series: string) =>
  text
    .split('\n')
    .find((line) => line.startsWith(`${series} `))
    ?.split(' ')[1];

describe('Metrics', () => {
  it('counts delivery outcomes with their skip reason, job failures, and readings that do not answer in time', async () => {
    const m = new Metrics();
    m.notificationOutcome('sent');
    m.notificationOutcome('skipped:muted');
    m.notificationOutcome('skipped:muted');
    m.notificationOutcome('failed');
    m.notificationOutcome('unknown', 3);
    m.notificationOutcome('unknown', 0);
    m.notificationOutcome('not_pending');
    m.jobFailed('notify-deliver', false);
    m.jobFailed('notify-deliver', true);
    expect(await m.reading('fast', async () => 7)).toBe(7);
    expect(await m.reading('hangs', () => new Promise<number>(() => {}), 20)).toBeNull();
    expect(await m.reading('throws', () => Promise.reject(new Error('down')))).toBeNull();
    const text = await m.registry.metrics();
    expect(sample(text, 'xz_notification_deliveries_total{outcome="sent",reason=""}')).toBe('1');
    expect(sample(text, 'xz_notification_deliveries_total{outcome="skipped",reason="muted"}')).toBe('2');
    expect(sample(text, 'xz_notification_deliveries_total{outcome="failed",reason=""}')).toBe('1');
    expect(sample(text, 'xz_notification_deliveries_total{outcome="unknown",reason=""}')).toBe('3');
    expect(text).not.toContain('not_pending');
    expect(sample(text, 'xz_queue_job_failures_total{queue="notify-deliver",final="false"}')).toBe('1');
    expect(sample(text, 'xz_queue_job_failures_total{queue="notify-deliver",final="true"}')).toBe('1');
    expect(sample(text, 'xz_metrics_collect_errors_total{source="hangs"}')).toBe('1');
    expect(sample(text, 'xz_metrics_collect_errors_total{source="throws"}')).toBe('1');
    expect(text).not.toContain('source="fast"');
    // prom-client's defaults, event-loop lag among them, in each instance's own registry.
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    expect(await new Metrics().registry.metrics()).not.toContain('xz_notification_deliveries_total{');
  });
});
