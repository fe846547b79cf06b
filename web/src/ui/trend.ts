// Trend requests and sparklines, for the pages that show a KPI over time.

import { api } from '../api';
import { shortPeriodLabel } from '../i18n';
import { parsePeriod, trendGranularity, trendRange } from '../period';
import type { Trend, TrendPoint } from '../types';
import { COLORS, renderChart } from './charts';
import type { Ctx } from './context';
import { optional } from './load';

/** The trend around the current period, or null if it cannot be had. */
export function fetchTrend(ctx: Ctx, granularity?: 'month' | 'quarter' | 'half'): Promise<Trend | null> {
  const p = parsePeriod(ctx.state.period)!;
  const gran = granularity ?? trendGranularity(p);
  const params: Record<string, string> = { granularity: gran, as_of: ctx.state.asOf, ...trendRange(ctx.state.period, ctx.state.asOf, gran) };
  if (ctx.state.grace !== undefined) params.grace_days = String(ctx.state.grace);
  return optional(api.trend(params));
}

export function pointLabel(ctx: Ctx, p: TrendPoint): string {
  return shortPeriodLabel(ctx.state.lang, p.period, ctx.fmt.month);
}

/** A small line without axes; the tooltip names the period and value. */
export function sparkline(ctx: Ctx, el: HTMLElement, points: TrendPoint[], key: keyof TrendPoint, format: (v: number | null) => string, color = COLORS.blue): void {
  const data = points.map((p) => (typeof p[key] === 'number' ? (p[key] as number) : null));
  renderChart(el, {
    grid: { left: 2, right: 2, top: 6, bottom: 2 },
    xAxis: { type: 'category', show: false, data: points.map((p) => pointLabel(ctx, p)), boundaryGap: false },
    yAxis: { type: 'value', show: false, scale: true },
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (params: unknown) => {
        const arr = params as { name: string; value: number | null }[];
        return `${arr[0].name}<br><b>${format(arr[0].value ?? null)}</b>`;
      },
    },
    series: [
      {
        type: 'line',
        data,
        smooth: 0.3,
        connectNulls: true,
        symbol: 'circle',
        symbolSize: 4,
        showSymbol: false,
        lineStyle: { color, width: 2 },
        itemStyle: { color },
        areaStyle: { color, opacity: 0.08 },
      },
    ],
  });
}
