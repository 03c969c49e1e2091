import type { AdminStats } from '../../api/types';
import type { ChartOption } from '../../components/EChart';
import { statusLabel } from '../../lib/format';

const ORANGE = '#ff6a00';

export const DAILY_SERIES = [
  { key: 'newListings', label: '新增商品' },
  { key: 'activeUsers', label: '活跃用户' },
  { key: 'views', label: '浏览' },
  { key: 'comments', label: '留言' },
] as const;

export type DailyKey = (typeof DAILY_SERIES)[number]['key'];

export const dayValue = (d: AdminStats['daily'][number], key: DailyKey): number => d[key];

/** The last 30 days, one line per measure. */
export function dailyOption(daily: AdminStats['daily']): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: daily.map((d) => d.day.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: DAILY_SERIES.map((s) => ({
      name: s.label,
      type: 'line',
      smooth: true,
      showSymbol: false,
      data: daily.map((d) => dayValue(d, s.key)),
    })),
  };
}

export function statusOption(byStatus: Record<string, number>): ChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['35%', '58%'],
        center: ['50%', '45%'],
        label: { formatter: '{b} {c}', overflow: 'none' },
        data: Object.entries(byStatus).map(([k, v]) => ({ name: statusLabel(k), value: v })),
      },
    ],
  };
}

export function categoryOption(top: AdminStats['topCategories']): ChartOption {
  const rows = [...top].reverse();
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 120, right: 24, top: 8, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((c) => (c.parentName ? `${c.parentName}/${c.name}` : c.name)) },
    series: [{ type: 'bar', name: '新发布', data: rows.map((c) => c.count), itemStyle: { color: ORANGE } }],
  };
}

export const FUNNEL_STEPS = [
  { key: 'listed', label: '发布' },
  { key: 'favorited', label: '被收藏' },
  { key: 'commented', label: '有留言' },
  { key: 'sold', label: '已售出' },
] as const;

export function funnelOption(funnel: AdminStats['funnel']): ChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c}' },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: '10%',
        width: '80%',
        minSize: '30%',
        label: { position: 'inside', formatter: '{b} {c}' },
        data: FUNNEL_STEPS.map((s) => ({ name: s.label, value: funnel[s.key] })),
      },
    ],
  };
}
