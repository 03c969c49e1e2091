import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const MONITORING = join(import.meta.dirname, '../../../../deploy/monitoring');

interface Panel {
  readonly title?: string;
  readonly targets?: readonly { readonly expr?: string }[];
  readonly panels?: readonly Panel[];
}
interface RuleFile {
  readonly groups: readonly { readonly rules: readonly { readonly alert?: string; readonly expr: string }[] }[];
}

/** The PromQL of every dashboard panel and alert rule in deploy/monitoring. */
export function monitoringQueries(): {
  dashboard: { where: string; expr: string }[];
  alerts: { name: string; expr: string }[];
} {
  const dashboard = JSON.parse(readFileSync(join(MONITORING, 'grafana-dashboard.json'), 'utf8')) as Panel;
  const queries: { where: string; expr: string }[] = [];
  const walk = (panels: readonly Panel[] = []) => {
    for (const panel of panels) {
      for (const target of panel.targets ?? [])
        if (target.expr) queries.push({ where: panel.title ?? '?', expr: target.expr });
      walk(panel.panels);
    }
  };
  walk(dashboard.panels);
  const rules = parse(readFileSync(join(MONITORING, 'alerts.yml'), 'utf8')) as RuleFile;
  const alerts = rules.groups.flatMap((g) => g.rules.map((r) => ({ name: r.alert ?? '?', expr: String(r.expr) })));
  return { dashboard: queries, alerts };
}

/** PromQL's functions, aggregations and keywords: every other bare identifier in an expression is a metric. */
const PROMQL_WORDS = new Set(
  (
    'sum min max avg count stddev stdvar topk bottomk quantile count_values group by without on ignoring ' +
    'group_left group_right bool and or unless offset rate irate increase delta idelta deriv predict_linear ' +
    'histogram_quantile abs ceil floor round clamp clamp_min clamp_max exp ln log2 log10 sqrt time vector ' +
    'scalar absent absent_over_time sort sort_desc label_replace label_join avg_over_time min_over_time ' +
    'max_over_time sum_over_time count_over_time last_over_time changes resets timestamp inf nan le'
  ).split(' '),
);

/** The metric names an expression reads: label matchers, grouping labels, strings and durations left out. */
export function referencedMetrics(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b\d+(\.\d+)?(e[+-]?\d+)?\b/gi, '0');
  const names = new Set<string>();
  for (const [word] of bare.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) if (!PROMQL_WORDS.has(word)) names.add(word);
  return [...names];
}
