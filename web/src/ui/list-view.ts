// A report list as a manager triages it: worst first by default, the top 20
// with "show all", a search by name or id, filters, and paging on the server
// (GET /api/v1/report?section=…&sort&q&filter.KEY&offset&limit). The column
// model is TanStack Table's (manual sorting: the server sorts); showing all
// rows virtualises them with TanStack Virtual and fetches the pages the
// scroll reaches. Options live in the URL, so a shared link shows the same
// list; changing one reloads the list in place and tells `onRows`, so a
// chart beside it follows the same order and filter.

import { createTable, getCoreRowModel, type ColumnDef, type SortingState, type Table } from '@tanstack/table-core';
import { elementScroll, observeElementOffset, observeElementRect, Virtualizer } from '@tanstack/virtual-core';

import { api, reportXlsxUrl } from '../api';
import { formatSort, parseSort, toggleSort } from '../sort';
import { listApiParams, listParamChange, readListOptions, type ListOptions, type ListPage, type ListSection } from '../list-query';
import { empty, errorState, loading, tableRow, type Column } from './components';
import type { Ctx } from './context';
import { clear, h, icon, ICONS } from './dom';

/** Rows shown before "show all". */
export const LIST_TOP = 20;
/** Rows fetched at a time while scrolling through all of them. */
const LIST_CHUNK = 200;
/** A filter with more choices than this is a searchable picker rather than a select. */
const PICKER_THRESHOLD = 12;
/** Typing pauses this long before the search is sent. */
const SEARCH_DELAY_MS = 250;
/** The estimated height of a row, before the browser measures it. */
const ROW_HEIGHT_PX = 38;

export interface ListFilter {
  key: string;
  label: string;
  options: { value: string; label: string }[];
}

export interface ListViewSpec<T> {
  section: ListSection;
  /** The report parameters (default: the view's period and as-of). */
  base?: Record<string, string>;
  /** URL parameter prefix, when a view has several lists. */
  prefix?: string;
  columns: Column<T>[];
  /** One element per item instead of table rows (the objectives' cards). */
  item?: (row: T) => HTMLElement;
  defaultSort: string;
  /** Rows shown before "show all" (default LIST_TOP). */
  top?: number;
  /** Filters always applied (the fixed-fee missions: fee=present). */
  fixed?: Record<string, string>;
  filters?: ListFilter[];
  rowHref?: (row: T) => string | null;
  rowClass?: (row: T) => string;
  testid: string;
  emptyText?: string;
  /** The first rows in the list's order and filter, after each load (charts follow the list). */
  onRows?: (rows: T[], page: ListPage<T>) => void;
}

function sortingOf(sort: string): SortingState {
  return sort
    .split(',')
    .map((k) => parseSort(k))
    .filter((s): s is NonNullable<typeof s> => s !== null)
    .map((s) => ({ id: s.key, desc: s.desc }));
}

function columnDefs<T extends object>(columns: Column<T>[]): ColumnDef<T>[] {
  return columns.map((c) => ({
    id: c.key,
    accessorFn: (row: T) => (row as Record<string, unknown>)[c.key],
    header: c.label,
    enableSorting: c.sortable !== false,
    meta: c,
  }));
}

function makeTable<T extends object>(rows: T[], columns: Column<T>[], sorting: SortingState): Table<T> {
  const table = createTable<T>({
    data: rows,
    columns: columnDefs(columns),
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    state: {},
    onStateChange: () => {},
    renderFallbackValue: null,
  });
  table.setOptions((prev) => ({ ...prev, state: { ...table.initialState, sorting } }));
  return table;
}

export function listView<T extends object>(ctx: Ctx, spec: ListViewSpec<T>): HTMLElement {
  const prefix = spec.prefix ?? '';
  const top = spec.top ?? LIST_TOP;
  let options: ListOptions = readListOptions(ctx.state.params, prefix, spec.defaultSort);
  let generation = 0;
  let virtualizer: Virtualizer<HTMLElement, HTMLElement> | null = null;
  let cleanup: (() => void) | null = null;

  const root = h('div', { class: 'list-view', 'data-testid': `${spec.testid}-view` });
  const status = h('div', { class: 'list-status', 'aria-live': 'polite', 'data-testid': `${spec.testid}-count` });
  const body = h('div', { class: 'list-body' });

  const change = (c: Partial<ListOptions>) => {
    if (c.sort !== undefined && !c.sort) c = { ...c, sort: spec.defaultSort };  // a cleared sort is the default one
    options = { ...options, ...c, filters: { ...options.filters, ...(c.filters ?? {}) } };
    for (const [k, v] of Object.entries(options.filters)) if (!v) delete options.filters[k];
    ctx.recordParams(listParamChange(prefix, c, spec.defaultSort));
    void load();
  };

  // The toolbar: search, filters, and the count with "show all" / "top 20".
  const search = h('input', {
    type: 'search',
    class: 'input list-search',
    value: options.q,
    placeholder: ctx.t('list_search'),
    'aria-label': ctx.t('list_search'),
    'data-testid': `${spec.testid}-search`,
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => change({ q: search.value }), SEARCH_DELAY_MS);
  });
  const filters = (spec.filters ?? []).map((f) => filterControl(ctx, spec.testid, f, options.filters[f.key] ?? '', (v) => change({ filters: { [f.key]: v } })));
  const toggleAll = h('button', { type: 'button', class: 'btn btn-small', 'data-testid': `${spec.testid}-all` });
  toggleAll.addEventListener('click', () => change({ all: !options.all }));
  // The whole report as a workbook, this list one of its sheets.
  const excel = h('a', {
    class: 'btn btn-small',
    href: reportXlsxUrl(spec.base ?? ctx.apiParams, ctx.state.lang),
    download: '',
    title: ctx.t('download_report_xlsx'),
    'data-testid': `${spec.testid}-xlsx`,
  }, ctx.t('excel'));
  root.append(h('div', { class: 'list-toolbar' }, search, ...filters, h('div', { class: 'list-count' }, status, toggleAll, excel)), body);

  const fetchPage = (offset: number, limit: number) =>
    api.list<T>(listApiParams(spec.base ?? ctx.apiParams, spec.section, options, spec.fixed ?? {}, offset, limit));

  async function load(): Promise<void> {
    const mine = ++generation;
    cleanup?.();
    cleanup = null;
    virtualizer = null;
    clear(body);
    body.append(loading(ctx));
    try {
      const page = await ctx.track(fetchPage(0, options.all ? LIST_CHUNK : top));
      if (mine !== generation || !ctx.alive()) return;
      clear(body);
      render(page);
      spec.onRows?.(page.items.slice(0, top), page);
    } catch (err) {
      if (mine !== generation || !ctx.alive()) return;
      clear(body);
      body.append(errorState(ctx, err, () => void load()));
    }
  }

  function render(page: ListPage<T>): void {
    const f = ctx.fmt;
    const shown = options.all ? page.total : Math.min(page.total, top);
    status.textContent =
      page.total === page.unfiltered
        ? ctx.t('list_shown', { shown: f.integer(shown), total: f.integer(page.total) })
        : ctx.t('list_shown_filtered', { shown: f.integer(shown), total: f.integer(page.total), unfiltered: f.integer(page.unfiltered) });
    toggleAll.textContent = options.all ? ctx.t('list_show_top', { n: top }) : ctx.t('list_show_all', { n: f.integer(page.total) });
    toggleAll.hidden = page.total <= top;
    if (page.total === 0) {
      body.append(empty(page.unfiltered ? ctx.t('list_no_match') : (spec.emptyText ?? ctx.t('empty'))));
      return;
    }
    const rows: (T | undefined)[] = new Array(options.all ? page.total : shown);
    page.items.forEach((row, i) => (rows[i] = row));
    const view = spec.item ? cardList(rows) : tableOf(rows);
    body.append(view.element);
    if (options.all) virtualise(view, rows, page.total);
    else view.draw(0, rows.length, 0, 0);
  }

  interface View {
    element: HTMLElement;
    scroller: HTMLElement;
    /** Draws rows [first, last) with the space of the others above and below. */
    draw(first: number, last: number, above: number, below: number): void;
  }

  function rowElement(row: T | undefined, index: number): HTMLElement {
    if (!row && spec.item) return h('li', { class: 'row-pending', 'data-index': index }, ctx.t('loading'));
    if (!row) return h('tr', { class: 'row-pending', 'data-index': index }, h('td', { colspan: spec.columns.length }, ctx.t('loading')));
    return spec.item ? spec.item(row) : tableRow(row, spec.columns, spec);
  }

  function tableOf(rows: (T | undefined)[]): View {
    const sorting = sortingOf(options.sort);
    const table = makeTable(rows.filter((r): r is T => r !== undefined), spec.columns, sorting);
    const first = sorting[0];
    const head = h('tr');
    for (const header of table.getHeaderGroups()[0].headers) {
      const c = header.column.columnDef.meta as Column<T>;
      const active = first?.id === c.key;
      const label = h('span', null, String(header.column.columnDef.header));
      const inner = header.column.getCanSort()
        ? h(
            'button',
            {
              class: 'th-sort',
              type: 'button',
              onclick: () => change({ sort: formatSort(toggleSort(active ? { key: first.id, desc: first.desc } : null, c.key, !!c.numeric)) }),
            },
            label,
            active ? icon(first.desc ? ICONS.down : ICONS.up, 'icon icon-sm') : null,
          )
        : label;
      head.append(h('th', { class: `${c.numeric ? 'num' : ''} ${c.cls ?? ''}`, 'aria-sort': header.column.getCanSort() ? (active ? (first.desc ? 'descending' : 'ascending') : 'none') : null, scope: 'col' }, inner));
    }
    const tbody = h('tbody');
    const wrap = h('div', { class: `table-wrap ${options.all ? 'table-scroll' : ''}`, 'data-testid': spec.testid }, h('table', { class: 'data' }, h('thead', null, head), tbody));
    const spacer = (height: number) => h('tr', { class: 'spacer', 'aria-hidden': 'true' }, h('td', { colspan: spec.columns.length, style: `height:${height}px;padding:0;border:0` }));
    return {
      element: wrap,
      scroller: wrap,
      draw(firstRow, lastRow, above, below) {
        clear(tbody);
        if (above > 0) tbody.append(spacer(above));
        for (let i = firstRow; i < lastRow; i++) {
          const tr = rowElement(rows[i], i);
          tr.setAttribute('data-index', String(i));
          tbody.append(tr);
        }
        if (below > 0) tbody.append(spacer(below));
      },
    };
  }

  function cardList(rows: (T | undefined)[]): View {
    const list = h('ul', { class: 'objectives', 'data-testid': spec.testid });
    const wrap = h('div', { class: options.all ? 'card-scroll' : '' }, list);
    return {
      element: wrap,
      scroller: wrap,
      draw(firstRow, lastRow, above, below) {
        clear(list);
        list.style.paddingTop = `${above}px`;
        list.style.paddingBottom = `${below}px`;
        for (let i = firstRow; i < lastRow; i++) {
          const el = rowElement(rows[i], i);
          el.setAttribute('data-index', String(i));
          list.append(el);
        }
      },
    };
  }

  // Every row: only those in view are in the page; the pages they fall in are fetched on the way.
  function virtualise(view: View, rows: (T | undefined)[], total: number): void {
    const mine = generation;
    const asked = new Set<number>([0]);
    const ensure = (index: number) => {
      const chunk = Math.floor(index / LIST_CHUNK);
      if (asked.has(chunk)) return;
      asked.add(chunk);
      void fetchPage(chunk * LIST_CHUNK, LIST_CHUNK).then((page) => {
        if (mine !== generation || !ctx.alive()) return;
        page.items.forEach((row, i) => (rows[chunk * LIST_CHUNK + i] = row));
        redraw();
      });
    };
    const redraw = () => {
      if (!virtualizer) return;
      const items = virtualizer.getVirtualItems();
      if (!items.length) return view.draw(0, Math.min(total, top), 0, 0);
      const firstRow = items[0].index;
      const lastRow = items[items.length - 1].index + 1;
      for (let i = firstRow; i < lastRow; i++) if (!rows[i]) ensure(i);
      view.draw(firstRow, lastRow, items[0].start, virtualizer.getTotalSize() - items[items.length - 1].end);
    };
    virtualizer = new Virtualizer<HTMLElement, HTMLElement>({
      count: total,
      getScrollElement: () => view.scroller,
      estimateSize: () => ROW_HEIGHT_PX,
      overscan: 10,
      scrollToFn: elementScroll,
      observeElementRect,
      observeElementOffset,
      onChange: () => redraw(),
    });
    cleanup = virtualizer._didMount();
    virtualizer._willUpdate();
    redraw();
  }

  void load();
  return root;
}

/** A select, or for many choices a searchable picker (an input with suggestions: type a name or an id). */
function filterControl(ctx: Ctx, testid: string, f: ListFilter, value: string, onChange: (value: string) => void): HTMLElement {
  const id = `${testid}-filter-${f.key}`;
  if (f.options.length <= PICKER_THRESHOLD) {
    const sel = h(
      'select',
      { class: 'select', id, 'aria-label': f.label },
      h('option', { value: '' }, ctx.t('all')),
      f.options.map((o) => h('option', { value: o.value, selected: o.value === value }, o.label)),
    );
    sel.addEventListener('change', () => onChange(sel.value));
    return h('label', { class: 'field-inline' }, h('span', null, f.label), sel);
  }
  const listId = `${id}-choices`;
  const labelOf = (v: string) => f.options.find((o) => o.value === v)?.label ?? v;
  const input = h('input', { type: 'search', class: 'input', id, list: listId, value: value ? labelOf(value) : '', placeholder: ctx.t('all'), 'aria-label': f.label, autocomplete: 'off' });
  const choices = h('datalist', { id: listId }, f.options.map((o) => h('option', { value: o.label })));
  input.addEventListener('change', () => {
    const text = input.value.trim();
    if (!text) return onChange('');
    const folded = text.toLowerCase();
    const hit = f.options.find((o) => o.label === text) ?? f.options.find((o) => o.value.toLowerCase() === folded) ?? f.options.find((o) => o.label.toLowerCase().includes(folded));
    if (hit) {
      input.value = hit.label;
      onChange(hit.value);
    }
  });
  return h('label', { class: 'field-inline' }, h('span', null, f.label), input, choices);
}
