// ECharts, only the parts the dashboard uses, rendered as SVG (crisp on any
// screen, light bundle). Charts are disposed when the page changes.

import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  AriaComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption, ECharts } from 'echarts/core';
import { ACTIVITIES, type Activity } from '../types';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  AriaComponent,
  SVGRenderer,
]);

export type { EChartsCoreOption, ECharts };

/** Colours: consistent status meaning across the app (green good, amber watch, red bad). */
export const COLORS = {
  green: '#15803d',
  greenSoft: '#22c55e',
  amber: '#d97706',
  red: '#dc2626',
  blue: '#1d4ed8',
  blueMid: '#3b82f6',
  blueLight: '#93c5fd',
  slate: '#64748b',
  slateLight: '#cbd5e1',
  ink: '#0f172a',
  grid: '#e2e8f0',
};

export const STATUS_COLORS: Record<string, string> = {
  spontaneous: COLORS.green,
  solicited: COLORS.blueMid,
  pending: COLORS.amber,
  lost: COLORS.red,
  met: COLORS.green,
  on_track: COLORS.green,
  behind: COLORS.red,
  missed: COLORS.red,
  in_progress: COLORS.blueMid,
  no_data: COLORS.slate,
  not_started: COLORS.slate,
};

export const CLASS_COLORS: Record<string, string> = { A: '#1e3a8a', B: '#3b82f6', C: '#93c5fd' };

export const ACTIVITY_COLORS = ['#1e3a8a', '#2563eb', '#60a5fa', '#0891b2', '#67e8f9', '#7c3aed', '#a78bfa', '#94a3b8'];

const live = new Set<ECharts>();
const observers = new Map<ECharts, ResizeObserver>();

/**
 * The page's font stack (styles.css). ECharts measures text on a canvas, so it
 * needs the real stack, not 'inherit', or labels and legends are mis-measured.
 */
export const FONT = "Inter, 'Segoe UI', system-ui, -apple-system, Roboto, 'DejaVu Sans', sans-serif";

/** Base options every chart shares: font, text colour, tooltip look. */
function base(): EChartsCoreOption {
  return {
    textStyle: { fontFamily: FONT, color: COLORS.ink },
    animationDuration: 300,
    aria: { enabled: true },
    tooltip: {
      backgroundColor: '#ffffff',
      borderColor: COLORS.grid,
      textStyle: { color: COLORS.ink, fontSize: 12 },
      extraCssText: 'box-shadow: 0 4px 16px rgba(15,23,42,.12); border-radius: 8px;',
    },
  };
}

export interface ChartHandle {
  chart: ECharts;
  el: HTMLElement;
}

/**
 * Renders a chart into `el` (which must be in the document). `onClick` gets
 * ECharts' click params for data items.
 */
export function renderChart(
  el: HTMLElement,
  option: EChartsCoreOption,
  onClick?: (params: { dataIndex: number; seriesIndex: number; name: string; componentType: string; value: unknown }) => void,
): ChartHandle {
  const chart = echarts.init(el, undefined, { renderer: 'svg' });
  chart.setOption({ ...base(), ...option });
  if (onClick) {
    chart.on('click', (p) => onClick(p as never));
    el.classList.add('clickable');
  }
  live.add(chart);
  const ro = new ResizeObserver(() => chart.resize());
  ro.observe(el);
  observers.set(chart, ro);
  // Tests find the instance here to click a given bar at its real position.
  (el as HTMLElement & { __chart?: ECharts }).__chart = chart;
  return { chart, el };
}

export function disposeCharts(): void {
  for (const c of live) {
    observers.get(c)?.disconnect();
    c.dispose();
  }
  live.clear();
  observers.clear();
}

/** A tooltip on each item of a chart drawn from `rows`: the HTML of the row under the pointer. */
export function rowTooltip<T>(rows: readonly T[], html: (row: T) => string) {
  return { trigger: 'item', formatter: (p: { dataIndex: number }) => html(rows[p.dataIndex]) };
}

/** One stacked bar series per activity (SPEC's eight, in order, with their colours): `value` of each row; 0 draws nothing. */
export function activitySeries<T>(tk: (key: string) => string, rows: readonly T[], value: (row: T, activity: Activity) => number, stack: string, barMaxWidth: number) {
  return ACTIVITIES.map((a, i) => ({
    name: tk(`act_${a}`),
    type: 'bar',
    stack,
    barMaxWidth,
    itemStyle: { color: ACTIVITY_COLORS[i] },
    data: rows.map((row) => value(row, a) || null),
  }));
}

/** Text made safe for a tooltip's HTML (names come from the agency's files). */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
