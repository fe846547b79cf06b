// Objective attainment (taux d'atteinte): progress bars with the elapsed-time
// marker and the projection, status chips; the furthest behind first, with
// search and filters by status, client and metric.

import { api } from '../api';
import type { ObjectiveItem, ObjectiveStatus, Report } from '../types';
import { panel, stat } from '../ui/components';
import type { Ctx } from '../ui/context';
import { h } from '../ui/dom';
import { listView } from '../ui/list-view';
import { loadInto } from '../ui/load';
import { clientFilter, valueFilter } from '../ui/list-filters';
import { objectiveCard } from '../ui/objectives';

/** The lowest projected attainment first (the objectives that will be missed), then the lowest attainment. */
export const OBJECTIVES_TRIAGE_SORT = 'projected_attainment,attainment';

const STATUSES: ObjectiveStatus[] = ['behind', 'missed', 'in_progress', 'on_track', 'met', 'no_data', 'not_started'];

export function renderObjectives(ctx: Ctx, root: HTMLElement): Promise<void> {
  return loadInto(ctx, root, () => api.report(ctx.apiParams), (report: Report) => {
    const ob = report.objectives;
    const f = ctx.fmt;
    const filters = [
      { key: 'status', label: ctx.t('col_status'), options: STATUSES.map((st) => ({ value: st, label: ctx.tk(`objst_${st}`) })) },
      { ...clientFilter(ctx, ob.items), key: 'client_id' },
      valueFilter('metric', ctx.t('filter_metric'), ob.items.map((o) => o.metric)),
    ];
    root.append(
      h(
        'div',
        { class: 'stat-row' },
        stat(ctx.t('objectives_count'), f.integer(ob.count)),
        stat(ctx.t('objectives_met'), f.integer(ob.met), { tone: 'green' }),
        stat(ctx.t('met_share'), f.percent(ob.met_share)),
        stat(ctx.t('mean_attainment'), f.percent(ob.mean_attainment)),
        stat(ctx.t('mean_capped_attainment'), f.percent(ob.mean_capped_attainment), { tone: 'blue' }),
      ),
      panel(
        ctx.t('nav_objectives'),
        listView<ObjectiveItem>(ctx, { section: 'objectives', columns: [], item: (o) => objectiveCard(ctx, o), defaultSort: OBJECTIVES_TRIAGE_SORT, filters, testid: 'objectives-list' }),
        { sub: ctx.t('objectives_triage_sub') },
      ),
    );
  });
}
