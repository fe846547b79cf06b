// Objective attainment (taux d'atteinte): progress bars with the elapsed-time
// marker and the projection, status chips, filters by client and metric.

import { api } from '../api';
import type { ObjectiveItem, Report } from '../types';
import { panel, stat } from '../ui/components';
import type { Ctx } from '../ui/context';
import { h } from '../ui/dom';
import { loadInto } from '../ui/load';
import { objectiveList } from '../ui/objectives';

export function filterObjectives(items: ObjectiveItem[], client?: string, metric?: string): ObjectiveItem[] {
  return items.filter((o) => (!client || o.client_id === client) && (!metric || o.metric === metric));
}

/** Mean attainment (capped at 1 if asked) over the objectives that have one (SPEC §3.4). */
export function meanAttainment(items: ObjectiveItem[], capped: boolean): number | null {
  const a = items.map((o) => o.attainment).filter((v): v is number => v !== null);
  return a.length ? a.reduce((s, v) => s + (capped ? Math.min(v, 1) : v), 0) / a.length : null;
}

export function renderObjectives(ctx: Ctx, root: HTMLElement): Promise<void> {
  return loadInto(ctx, root, () => api.report(ctx.apiParams), (report: Report) => {
    const ob = report.objectives;
    const f = ctx.fmt;
    const names = new Map(report.revenue.clients.map((c) => [c.client_id, c.name]));
    const client = ctx.state.params.client;
    const metric = ctx.state.params.metric;
    const clientIds = [...new Set(ob.items.map((o) => o.client_id))].sort();
    const metrics = [...new Set(ob.items.map((o) => o.metric))].sort();

    const clientSel = h(
      'select',
      { class: 'select', id: 'filter-client', 'aria-label': ctx.t('filter_client') },
      h('option', { value: '' }, ctx.t('all')),
      clientIds.map((id) => h('option', { value: id, selected: id === client }, names.get(id) ?? id)),
    );
    clientSel.addEventListener('change', () => ctx.setParams({ client: clientSel.value || undefined }));
    const metricSel = h(
      'select',
      { class: 'select', id: 'filter-metric', 'aria-label': ctx.t('filter_metric') },
      h('option', { value: '' }, ctx.t('all')),
      metrics.map((m) => h('option', { value: m, selected: m === metric }, m)),
    );
    metricSel.addEventListener('change', () => ctx.setParams({ metric: metricSel.value || undefined }));

    const shown = filterObjectives(ob.items, client, metric);
    const filtered = shown.length !== ob.items.length;
    const met = shown.filter((o) => o.status === 'met').length;
    root.append(
      h(
        'div',
        { class: 'stat-row' },
        stat(ctx.t('objectives_count'), f.integer(filtered ? shown.length : ob.count)),
        stat(ctx.t('objectives_met'), f.integer(filtered ? met : ob.met), { tone: 'green' }),
        stat(ctx.t('met_share'), f.percent(filtered ? (shown.length ? met / shown.length : null) : ob.met_share)),
        stat(ctx.t('mean_attainment'), f.percent(filtered ? meanAttainment(shown, false) : ob.mean_attainment)),
        stat(ctx.t('mean_capped_attainment'), f.percent(filtered ? meanAttainment(shown, true) : ob.mean_capped_attainment), { tone: 'blue' }),
      ),
      panel(ctx.t('nav_objectives'), objectiveList(ctx, shown, names), {
        actions: h(
          'div',
          { class: 'filters' },
          h('label', { class: 'field-inline' }, h('span', null, ctx.t('filter_client')), clientSel),
          h('label', { class: 'field-inline' }, h('span', null, ctx.t('filter_metric')), metricSel),
        ),
      }),
    );
  });
}
