// Import: drop (or pick) the CSV files or workbooks of an agency folder, the
// folder itself, one workbook of the whole agency, or a zip; POST them to the
// API and show the validation result, each error as FILE:LINE: COLUMN:
// message (BOOK.xlsx[Sheet]!C12: COLUMN: message in a workbook).

import { api, ApiError } from '../api';
import type { ImportIssue, ImportSuccess } from '../types';
import { errorState, panel, stat } from '../ui/components';
import type { Ctx } from '../ui/context';
import { append, clear, h, icon, ICONS } from '../ui/dom';

/** The text of an error or warning: the server's (in the language asked for,
 * hint included), else built from its parts. */
export function issueText(i: ImportIssue): string {
  if (i.text) return i.text;
  const place = i.cell ? `${i.file}!${i.cell}: ` : i.line > 0 ? `${i.file}:${i.line}: ` : `${i.file}: `;
  return `${place}${i.column ? `${i.column}: ` : ''}${i.message}${i.hint ? ` — ${i.hint}` : ''}`;
}

export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** The files an agency folder may hold: CSV files and workbooks. */
const AGENCY_FILE = /\.(csv|xlsx|xlsm)$/i;

/** What to send: a zip as such, else every CSV file and workbook (by its base
 * name) as multipart. */
export function buildUpload(files: File[]): { body: Blob | FormData; names: string[] } | null {
  const zip = files.find((f) => /\.zip$/i.test(f.name));
  if (zip) return { body: zip, names: [zip.name] };
  const tables = files.filter((f) => AGENCY_FILE.test(f.name));
  if (!tables.length) return null;
  const form = new FormData();
  for (const f of tables) form.append(baseName(f.name).replace(AGENCY_FILE, ''), f, baseName(f.name));
  return { body: form, names: tables.map((f) => baseName(f.name)) };
}

type Entry = { isFile: boolean; isDirectory: boolean; file?: (cb: (f: File) => void, err: (e: unknown) => void) => void; createReader?: () => { readEntries: (cb: (e: Entry[]) => void, err: (e: unknown) => void) => void } };

async function entryFiles(entry: Entry): Promise<File[]> {
  if (entry.isFile && entry.file) return [await new Promise<File>((res, rej) => entry.file!(res, rej))];
  if (entry.isDirectory && entry.createReader) {
    const reader = entry.createReader();
    const out: File[] = [];
    for (;;) {
      const batch = await new Promise<Entry[]>((res, rej) => reader.readEntries(res, rej));
      if (!batch.length) break;
      for (const e of batch) out.push(...(await entryFiles(e)));
    }
    return out;
  }
  return [];
}

async function droppedFiles(dt: DataTransfer): Promise<File[]> {
  const entries: Entry[] = [];
  for (const it of Array.from(dt.items)) {
    const e = it.webkitGetAsEntry?.() as unknown as Entry | null;
    if (e) entries.push(e);
  }
  if (!entries.length) return Array.from(dt.files);
  const out: File[] = [];
  for (const e of entries) out.push(...(await entryFiles(e)));
  return out;
}

function issueList(cls: string, title: string, issues: ImportIssue[], testid: string): HTMLElement {
  return h(
    'div',
    { class: `issues ${cls}` },
    h('h3', null, `${title} (${issues.length})`),
    h('ul', { 'data-testid': testid }, issues.map((i) => h('li', null, h('code', null, issueText(i))))),
  );
}

function showSuccess(ctx: Ctx, out: HTMLElement, res: ImportSuccess, names: string[]): void {
  clear(out);
  append(out, [
    h('div', { class: 'result result-ok', role: 'status', 'data-testid': 'import-success' }, icon(ICONS.check, 'icon icon-lg'), h('strong', null, ctx.t('import_ok', { version: res.dataset_version }))),
    h('div', { class: 'stat-row' }, Object.entries(res.counts ?? {}).map(([k, v]) => stat(`${k}.csv`, ctx.fmt.integer(v)))),
    res.warnings?.length ? issueList('issues-warn', ctx.t('import_warnings'), res.warnings, 'import-warnings') : null,
    h('p', { class: 'muted small' }, `${ctx.t('files_selected')}${ctx.colon}${names.join(', ')}`),
  ]);
}

function showRefusal(ctx: Ctx, out: HTMLElement, err: ApiError, names: string[]): void {
  clear(out);
  const errors = err.details?.errors ?? [];
  const warnings = err.details?.warnings ?? [];
  append(out, [
    h('div', { class: 'result result-error', role: 'alert', 'data-testid': 'import-refused' }, icon(ICONS.alert, 'icon icon-lg'), h('strong', null, ctx.t('import_refused', { message: errors.length ? ctx.t('n_errors', { n: errors.length }) : err.message }))),
    errors.length ? issueList('issues-error', ctx.t('import_errors'), errors, 'import-errors') : null,
    warnings.length ? issueList('issues-warn', ctx.t('import_warnings'), warnings, 'import-warnings') : null,
    h('p', { class: 'muted small' }, `${ctx.t('files_selected')}${ctx.colon}${names.join(', ')}`),
  ]);
}

async function metaPanel(ctx: Ctx, el: HTMLElement): Promise<void> {
  try {
    const m = await api.meta();
    if (!ctx.alive()) return;
    clear(el);
    el.append(
      h(
        'div',
        { class: 'stat-row' },
        stat(ctx.t('dataset_version'), String(m.dataset_version ?? '—')),
        stat(ctx.t('source'), m.source || '—'),
        stat(ctx.t('imported_at'), m.imported_at ? new Date(m.imported_at).toLocaleString(ctx.state.lang === 'fr' ? 'fr-FR' : 'en-GB') : '—', {
          hint: m.first_date && m.last_date ? ctx.t('date_range', { first: ctx.fmt.date(m.first_date), last: ctx.fmt.date(m.last_date) }) : undefined,
        }),
        ...Object.entries(m.counts ?? {}).map(([k, v]) => stat(`${k}.csv`, ctx.fmt.integer(v))),
      ),
    );
  } catch {
    clear(el);
    el.append(h('p', { class: 'muted' }, '—'));
  }
}

export function renderImport(ctx: Ctx, root: HTMLElement): void {
  const out = h('div', { class: 'import-result', 'aria-live': 'polite' });
  const fileInput = h('input', { type: 'file', id: 'import-files', multiple: true, accept: '.csv,.xlsx,.xlsm,.zip,text/csv,application/zip,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', class: 'visually-hidden' });
  const dirInput = h('input', { type: 'file', id: 'import-folder', multiple: true, webkitdirectory: true, class: 'visually-hidden' });

  const send = async (files: File[]) => {
    const upload = buildUpload(files);
    clear(out);
    if (!upload) {
      out.append(h('div', { class: 'result result-error', role: 'alert' }, icon(ICONS.alert, 'icon icon-lg'), h('strong', null, ctx.t('no_csv'))));
      return;
    }
    out.append(h('div', { class: 'state state-loading' }, h('span', { class: 'spinner' }), ctx.t('importing', { n: upload.names.length })));
    try {
      const res = await api.importFiles(upload.body, ctx.state.lang);
      if (!ctx.alive()) return;
      showSuccess(ctx, out, res, upload.names);
      void metaPanel(ctx, metaBox);
    } catch (err) {
      if (!ctx.alive()) return;
      if (err instanceof ApiError && err.code === 'invalid_data') showRefusal(ctx, out, err, upload.names);
      else {
        clear(out);
        out.append(errorState(ctx, err));
      }
    }
  };
  // The inputs are emptied after each upload, so the same corrected file can be sent again.
  for (const input of [fileInput, dirInput]) {
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? []);
      input.value = '';
      void send(files);
    });
  }

  const zone = h(
    'div',
    { class: 'dropzone', tabindex: 0, 'data-testid': 'dropzone' },
    icon(ICONS.upload, 'icon icon-xl'),
    h('p', { class: 'dropzone-title' }, ctx.t('drop_here')),
    h(
      'div',
      { class: 'dropzone-actions' },
      h('label', { class: 'btn btn-primary', for: 'import-files' }, ctx.t('choose_files')),
      h('label', { class: 'btn', for: 'import-folder' }, ctx.t('choose_folder')),
    ),
    fileInput,
    dirInput,
  );
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    if (e.dataTransfer) void droppedFiles(e.dataTransfer).then(send);
  });
  zone.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') fileInput.click();
  });

  const metaBox = h('div', null, h('p', { class: 'muted' }, ctx.t('loading')));
  root.append(
    h('div', { class: 'grid-12' }, panel(ctx.t('import_title'), h('div', null, h('p', { class: 'lead' }, ctx.t('import_help')), zone, out), { cls: 'span-12' }), panel(ctx.t('current_data'), metaBox, { cls: 'span-12' })),
  );
  void metaPanel(ctx, metaBox);
}
