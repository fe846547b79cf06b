#!/usr/bin/env node
// Development mock of the agencykpi API (docs/api.md), for working on the
// dashboard before the C++ server exists. It serves web/dist and answers the
// API from the golden reports: an exact (period, as_of, grace_days) match
// returns that case's expected JSON; other periods get an empty report, and
// the trend is synthetic. Not used by the final e2e run against the server.
//
//   node e2e/mock-server.mjs --golden GOLDEN_DIR [--port 0] [--dist dist] [--agency agence-exemple]
//   (or AGENCYKPI_GOLDEN=GOLDEN_DIR). Prints "listening on http://127.0.0.1:PORT".

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const goldenDir = opt('golden', process.env.AGENCYKPI_GOLDEN);
if (!goldenDir) {
  console.error('usage: mock-server.mjs --golden GOLDEN_DIR [--port N] [--dist DIR]');
  process.exit(2);
}
const port = Number(opt('port', process.env.PORT ?? 0));
const distDir = path.resolve(opt('dist', path.join(here, '..', 'dist')));
const agency = opt('agency', 'agence-exemple');
const agencyDir = path.join(goldenDir, agency);

// ---------- periods (SPEC §2) ----------
const pad = (n, w = 2) => String(n).padStart(w, '0');
const iso = (y, m, d) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const dim = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();
function parseDate(s) {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s ?? '');
  let y, mo, d;
  if (m) [y, mo, d] = [+m[1], +m[2], +m[3]];
  else if ((m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(s ?? ''))) [d, mo, y] = [+m[1], +m[2], +m[3]];
  else return null;
  if (mo < 1 || mo > 12 || d < 1 || d > dim(y, mo)) return null;
  return iso(y, mo, d);
}
function named(kind, y, i) {
  if (kind === 'year') return { text: pad(y, 4), start: iso(y, 1, 1), end: iso(y, 12, 31), kind, y, i: 0 };
  const len = kind === 'half' ? 6 : kind === 'quarter' ? 3 : 1;
  const m0 = (i - 1) * len + 1;
  const text = kind === 'half' ? `${pad(y, 4)}-H${i}` : kind === 'quarter' ? `${pad(y, 4)}-Q${i}` : `${pad(y, 4)}-${pad(i)}`;
  return { text, start: iso(y, m0, 1), end: iso(y, m0 + len - 1, dim(y, m0 + len - 1)), kind, y, i };
}
const addDays = (s, n) => new Date(Date.parse(`${s}T00:00:00Z`) + n * 864e5).toISOString().slice(0, 10);
const days = (a, b) => Math.round((Date.parse(b) - Date.parse(a)) / 864e5) + 1;
function parsePeriod(s) {
  let m;
  if ((m = /^(\d{4})$/.exec(s))) return named('year', +m[1]);
  if ((m = /^(\d{4})-[Hh]([12])$/.exec(s))) return named('half', +m[1], +m[2]);
  if ((m = /^(\d{4})-[Qq]([1-4])$/.exec(s))) return named('quarter', +m[1], +m[2]);
  if ((m = /^(\d{4})-(\d{2})$/.exec(s))) return +m[2] >= 1 && +m[2] <= 12 ? named('month', +m[1], +m[2]) : null;
  const parts = (s ?? '').split('..');
  if (parts.length === 2) {
    const a = parseDate(parts[0]);
    const b = parseDate(parts[1]);
    if (a && b && a <= b) return { text: `${a}..${b}`, start: a, end: b, kind: 'custom' };
  }
  return null;
}
function previous(p) {
  if (p.kind === 'custom') {
    const n = days(p.start, p.end);
    return { start: addDays(p.start, -n), end: addDays(p.start, -1) };
  }
  if (p.kind === 'year') return named('year', p.y - 1);
  const per = p.kind === 'half' ? 2 : p.kind === 'quarter' ? 4 : 12;
  const flat = p.y * per + p.i - 2;
  return named(p.kind, Math.floor(flat / per), (flat % per) + 1);
}
const holding = (kind, date) => {
  const y = +date.slice(0, 4);
  const m = +date.slice(5, 7);
  if (kind === 'half') return named('half', y, m <= 6 ? 1 : 2);
  if (kind === 'quarter') return named('quarter', y, Math.floor((m - 1) / 3) + 1);
  return named('month', y, m);
};

// ---------- golden cases ----------
const cases = [];
for (const f of fs.readdirSync(path.join(goldenDir, 'cases'))) {
  if (!f.endsWith('.args')) continue;
  const name = f.slice(0, -5);
  const data = fs.readFileSync(path.join(goldenDir, 'cases', `${name}.data`), 'utf8').trim();
  if (data !== agency) continue;
  const a = fs.readFileSync(path.join(goldenDir, 'cases', f), 'utf8').trim().split(/\s+/);
  const get = (k) => (a.indexOf(k) >= 0 ? a[a.indexOf(k) + 1] : undefined);
  cases.push({
    name,
    period: parsePeriod(get('--period')).text,
    asOf: parseDate(get('--as-of')),
    grace: Number(get('--grace-days') ?? 30),
    report: JSON.parse(fs.readFileSync(path.join(goldenDir, 'cases', `${name}.expected.json`), 'utf8')),
  });
}

// ---------- the agency folder, read loosely (names, contracts, visits) ----------
function readCsv(file) {
  const p = path.join(agencyDir, file);
  if (!fs.existsSync(p)) return [];
  const text = fs.readFileSync(p, 'utf8').replace(/^\ufeff/, '');
  const rows = [];
  let row = [];
  let field = '';
  let q = false;
  const sep = text.split('\n')[0].includes(';') ? ';' : ',';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') q = false;
      else field += c;
    } else if (c === '"') q = true;
    else if (c === sep) row.push(field.trim()), (field = '');
    else if (c === '\n') row.push(field.trim()), rows.push(row), (row = []), (field = '');
    else if (c !== '\r') field += c;
  }
  if (field || row.length) row.push(field.trim()), rows.push(row);
  const [head, ...body] = rows.filter((r) => r.some((v) => v));
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h.toLowerCase(), r[i] ?? ''])));
}
const clients = readCsv('clients.csv');
const contracts = readCsv('contracts.csv');
const missions = readCsv('missions.csv');
const visits = readCsv('visits.csv');
const invoices = readCsv('invoices.csv');
const num = (s) => Number(String(s).replace(/[\s\u00a0\u202f]/g, '').replace(',', '.'));

function emptyReport(p, asOf, grace) {
  const prev = previous(p);
  return {
    period: { start: p.start, end: p.end, as_of: asOf, previous_start: prev.start, previous_end: prev.end, label: p.text, grace_days: grace },
    currency: 'EUR',
    recurrence: { ending_clients: 0, spontaneous: 0, solicited: 0, pending: 0, lost: 0, decided: 0, recurrence_rate: null, renewal_rate: null, churn_rate: null, clients: [] },
    revenue: { total_revenue: 0, clients_billed: 0, average_per_client: null, unallocated_revenue: 0, top1_share: null, top3_share: null, hhi: null, clients: [] },
    margin: { revenue: 0, labor_cost: 0, expenses: 0, total_cost: 0, margin: 0, margin_rate: null, overhead_pool: 0, overhead_unallocated: 0, missions: [] },
    objectives: { count: 0, met: 0, met_share: null, mean_attainment: null, mean_capped_attainment: null, items: [] },
  };
}

class HttpError extends Error {
  constructor(status, code, message, details = {}) {
    super(message);
    Object.assign(this, { status, code, details });
  }
}

function common(q) {
  const asOfRaw = q.get('as_of');
  const asOf = asOfRaw === null ? new Date().toISOString().slice(0, 10) : parseDate(asOfRaw);
  if (!asOf) throw new HttpError(400, 'bad_parameter', `as_of: '${asOfRaw}' is not a date (YYYY-MM-DD or DD/MM/YYYY)`, { parameter: 'as_of' });
  const pRaw = q.get('period');
  const p = pRaw === null ? holding('half', asOf) : parsePeriod(pRaw);
  if (!p) throw new HttpError(400, 'bad_parameter', `period: '${pRaw}' is not a period`, { parameter: 'period' });
  const grace = Number(q.get('grace_days') ?? 30);
  return { p, asOf, grace };
}

function report(q) {
  const { p, asOf, grace } = common(q);
  const c = cases.find((x) => x.period === p.text && x.asOf === asOf && x.grace === grace);
  if (!c) return emptyReport(p, asOf, grace);
  const r = structuredClone(c.report);
  Object.assign(r.period, { label: p.text, grace_days: grace });
  return r;
}

function trend(q) {
  const asOf = parseDate(q.get('as_of') ?? '') ?? new Date().toISOString().slice(0, 10);
  const gran = q.get('granularity') ?? 'month';
  const n = gran === 'month' ? 12 : 4;
  const last = holding(gran, asOf);
  const base = cases.find((x) => x.name === 'h1-closed')?.report;
  const points = [];
  for (let k = n - 1; k >= 0; k--) {
    let p = last;
    for (let j = 0; j < k; j++) p = previous(p);
    const pAsOf = p.end < asOf ? p.end : asOf;
    const exact = cases.find((x) => x.period === p.text && x.asOf === pAsOf && x.grace === 30)?.report;
    const wave = 1 + 0.18 * Math.sin(points.length * 1.3);
    const scale = (gran === 'month' ? 1 / 6 : gran === 'quarter' ? 0.5 : 1) * wave;
    const r = exact ?? base;
    const synth = (v, s = 1) => (v === null ? null : exact ? v : Math.round(v * s * 100) / 100);
    points.push({
      period: p.text,
      start: p.start,
      end: p.end,
      recurrence_rate: exact ? r.recurrence.recurrence_rate : Math.min(1, 0.5 * wave),
      renewal_rate: exact ? r.recurrence.renewal_rate : Math.min(1, 0.72 * wave),
      churn_rate: exact ? r.recurrence.churn_rate : Math.max(0, 0.28 / wave),
      total_revenue: synth(r.revenue.total_revenue, scale),
      average_per_client: synth(r.revenue.average_per_client, scale),
      top1_share: r.revenue.top1_share,
      hhi: r.revenue.hhi,
      margin: synth(r.margin.margin, scale),
      margin_rate: exact ? r.margin.margin_rate : Math.min(0.95, 0.8 * wave),
      met_share: r.objectives.met_share,
      mean_capped_attainment: exact ? r.objectives.mean_capped_attainment : Math.min(1, 0.7 * wave),
    });
  }
  return { granularity: gran, as_of: asOf, points };
}

function clientDetail(id, q) {
  const c = clients.find((x) => x.client_id === id);
  if (!c) throw new HttpError(404, 'not_found', `unknown client '${id}'`);
  const r = report(q);
  const { start, end, as_of } = r.period;
  const e = end < as_of ? end : as_of;
  const byAction = Object.fromEntries(['implantation', 'negotiation', 'promotion', 'merchandising', 'audit', 'order', 'other'].map((a) => [a, 0]));
  const missionIds = new Set(missions.filter((m) => m.client_id === id).map((m) => m.mission_id));
  for (const v of visits) {
    const d = parseDate(v.date);
    if (missionIds.has(v.mission_id) && d >= start && d <= e) byAction[(v.action || 'other').toLowerCase()]++;
  }
  const own = contracts.filter((k) => k.client_id === id).sort((a, b) => (parseDate(a.start_date) < parseDate(b.start_date) ? -1 : 1));
  return {
    period: r.period,
    client: { client_id: id, name: c.name, sector: c.sector || null },
    revenue: r.revenue.clients.find((x) => x.client_id === id) ?? null,
    recurrence: r.recurrence.clients.find((x) => x.client_id === id) ?? null,
    missions: r.margin.missions.filter((m) => m.client_id === id),
    objectives: r.objectives.items.filter((o) => o.client_id === id),
    contracts: own.map((k) => ({
      contract_id: k.contract_id,
      start_date: parseDate(k.start_date),
      end_date: parseDate(k.end_date),
      signed_on: parseDate(k.signed_on || k.start_date),
      renewal_of: k.renewal_of || null,
      renewal_type: k.renewal_type ? k.renewal_type.toLowerCase() : null,
      renewed_by: contracts.find((y) => y.renewal_of === k.contract_id)?.contract_id ?? null,
    })),
    visits_by_action: byAction,
  };
}

function missionDetail(id, q) {
  const m = missions.find((x) => x.mission_id === id);
  if (!m) throw new HttpError(404, 'not_found', `unknown mission '${id}'`);
  const r = report(q);
  const margin = r.margin.missions.find((x) => x.mission_id === id) ?? null;
  const last = holding('month', r.period.as_of);
  const months = [];
  let p = last;
  for (let k = 0; k < 12; k++, p = previous(p)) months.unshift(p);
  const monthly = months.map((mp) => {
    const revenue = invoices.filter((i) => i.mission_id === id && (parseDate(i.date) ?? '') >= mp.start && (parseDate(i.date) ?? '') <= mp.end).reduce((s, i) => s + num(i.amount), 0);
    const full_cost = margin ? Math.round((margin.full_cost / 6) * 100) / 100 : 0;
    const full_margin = Math.round((revenue - full_cost) * 100) / 100;
    return { month: mp.text, revenue, full_cost, full_margin, full_margin_rate: revenue > 0 ? full_margin / revenue : null };
  });
  return {
    period: r.period,
    mission: {
      mission_id: id,
      client_id: m.client_id,
      client_name: clients.find((c) => c.client_id === m.client_id)?.name ?? m.client_id,
      name: m.name,
      type: m.type || null,
      start_date: parseDate(m.start_date),
      end_date: parseDate(m.end_date),
      contract_id: m.contract_id || null,
      complexity: m.complexity ? Number(m.complexity) : null,
    },
    margin,
    monthly,
    objectives: r.objectives.items.filter((o) => o.mission_id === id),
  };
}

const TABLES = ['clients', 'contracts', 'missions', 'employees', 'cost_rates', 'time_entries', 'expenses', 'invoices', 'stores', 'visits', 'objectives', 'results', 'store_audits'];
let datasetVersion = 1;
function meta() {
  return {
    dataset_version: datasetVersion,
    imported_at: '2026-06-30T08:00:00Z',
    source: agency,
    currency: 'EUR',
    counts: Object.fromEntries(TABLES.map((t) => [t, readCsv(`${t}.csv`).length])),
    first_date: '2025-01-01',
    last_date: '2026-06-30',
  };
}

/** Reads multipart parts (filename → text); enough for CSV uploads. */
function multipartFiles(body, type) {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/.exec(type);
  if (!m) return {};
  const boundary = `--${m[1] ?? m[2]}`;
  const out = {};
  for (const part of body.toString('utf8').split(boundary)) {
    const sep = part.indexOf('\r\n\r\n');
    if (sep < 0) continue;
    const head = part.slice(0, sep);
    const fn = /filename="([^"]*)"/.exec(head);
    if (fn) out[fn[1]] = part.slice(sep + 4).replace(/\r\n$/, '');
  }
  return out;
}

function importData(body, type) {
  if (/application\/zip/.test(type)) {
    datasetVersion++;
    return { ok: true, dataset_version: datasetVersion, counts: meta().counts, warnings: [] };
  }
  const files = multipartFiles(body, type);
  const errors = [];
  if (!files['clients.csv']) errors.push({ file: 'clients.csv', line: 0, column: '', message: 'missing required file' });
  else {
    const lines = files['clients.csv'].replace(/^\ufeff/, '').split(/\r?\n/);
    const sep = lines[0].includes(';') ? ';' : ',';
    const head = lines[0].split(sep).map((x) => x.trim().toLowerCase());
    const col = head.indexOf('client_id');
    if (col < 0) errors.push({ file: 'clients.csv', line: 1, column: 'client_id', message: 'missing required column' });
    const seen = new Map();
    lines.slice(1).forEach((l, i) => {
      if (!l.trim() || col < 0) return;
      const id = l.split(sep)[col]?.trim();
      if (seen.has(id)) errors.push({ file: 'clients.csv', line: i + 2, column: 'client_id', message: `duplicate id '${id}' (first on line ${seen.get(id)})` });
      else seen.set(id, i + 2);
    });
  }
  for (const e of errors) e.text = `${e.file}:${e.line}: ${e.column}: ${e.message}`;
  if (errors.length) throw new HttpError(422, 'invalid_data', `${errors.length} error${errors.length > 1 ? 's' : ''}`, { errors, warnings: [] });
  datasetVersion++;
  const counts = Object.fromEntries(Object.entries(files).map(([n, t]) => [n.replace(/\.csv$/, ''), Math.max(0, t.split(/\r?\n/).filter((l) => l.trim()).length - 1)]));
  return { ok: true, dataset_version: datasetVersion, counts, warnings: [] };
}

const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png' };

function serveStatic(res, urlPath) {
  const rel = decodeURIComponent(urlPath).replace(/^\/+/, '') || 'index.html';
  const file = path.resolve(distDir, rel);
  if (!file.startsWith(distDir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    return res.end('not found');
  }
  res.writeHead(200, { 'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const send = (status, obj) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(obj));
  };
  if (!url.pathname.startsWith('/api/')) return serveStatic(res, url.pathname);
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    try {
      const q = url.searchParams;
      const p = url.pathname;
      let m;
      if (p === '/api/v1/import') {
        if (req.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'use POST');
        return send(200, importData(Buffer.concat(chunks), req.headers['content-type'] ?? ''));
      }
      if (req.method !== 'GET') throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed here`);
      if (p === '/api/v1/report') return send(200, report(q));
      if (p === '/api/v1/trend') return send(200, trend(q));
      if (p === '/api/v1/meta') return send(200, meta());
      if ((m = /^\/api\/v1\/clients\/([^/]+)$/.exec(p))) return send(200, clientDetail(decodeURIComponent(m[1]), q));
      if ((m = /^\/api\/v1\/missions\/([^/]+)$/.exec(p))) return send(200, missionDetail(decodeURIComponent(m[1]), q));
      throw new HttpError(404, 'not_found', `no such path: ${p}`);
    } catch (e) {
      if (e instanceof HttpError) send(e.status, { error: { code: e.code, message: e.message, details: e.details } });
      else send(500, { error: { code: 'internal', message: 'internal error', details: {} } });
    }
  });
});

server.listen(port, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
