// The list of objectives with progress bars, shared by the objectives,
// client and mission pages.

import type { ObjectiveItem } from '../types';
import { empty, progressBar, statusChip } from './components';
import type { Ctx } from './context';
import { h } from './dom';

export interface ObjectiveCardOptions {
  showClient?: boolean;
  showMission?: boolean;
}

/** One list of objectives (the client and mission pages). */
export function objectiveList(ctx: Ctx, items: ObjectiveItem[], opts: ObjectiveCardOptions = {}): HTMLElement {
  if (!items.length) return empty(ctx.t('empty'));
  return h('ul', { class: 'objectives', 'data-testid': 'objectives-list' }, items.map((o) => objectiveCard(ctx, o, opts)));
}

/** One objective: metric, links by name, status, progress with the elapsed marker and projection. */
export function objectiveCard(ctx: Ctx, o: ObjectiveItem, opts: ObjectiveCardOptions = {}): HTMLElement {
  const f = ctx.fmt;
  return h(
        'li',
        { class: 'objective', 'data-status': o.status },
        h(
          'div',
          { class: 'objective-head' },
          h(
            'div',
            { class: 'objective-title' },
            h('strong', null, o.metric),
            h('span', { class: 'muted' }, ` · ${o.objective_id} · ${o.aggregation === 'sum' ? ctx.t('sum_objective') : ctx.t('level_objective')}`),
            h(
              'div',
              { class: 'objective-links small' },
              opts.showClient !== false ? h('a', { href: ctx.href('client', o.client_id), title: o.client_id }, o.client_name) : null,
              opts.showClient !== false && opts.showMission !== false ? ' · ' : null,
              opts.showMission !== false ? h('a', { href: ctx.href('mission', o.mission_id) }, `${o.mission_name} (${o.mission_id})`) : null,
            ),
          ),
          statusChip(ctx, 'objst_', o.status),
        ),
        progressBar(ctx, o),
        h(
          'div',
          { class: 'objective-foot small' },
          h('span', null, h('b', null, f.percent(o.attainment)), ' · ', ctx.t('achieved_of', { achieved: f.number(o.achieved, 2), target: f.number(o.target, 2) })),
          h('span', null, ctx.t('projected', { projected: f.percent(o.projected_attainment) })),
        ),
        h('div', { class: 'objective-elapsed small muted' }, ctx.t('elapsed_marker', { elapsed: f.percent(o.elapsed, 0) })),
  );
}
