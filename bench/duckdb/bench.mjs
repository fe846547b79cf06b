// The DuckDB side of bench/run: loads an agency folder's CSVs into an
// in-memory DuckDB, then computes in SQL the margin per mission (SPEC §3.3)
// of a period and of its previous period, and the revenue per client
// (SPEC §3.2) of the period — the same figures as agencykpi, exact in
// integers (cents, hundredths of an hour, cost units = cents × hundredths)
// and rounded once, half away from zero.
//
//   node bench.mjs DATA_DIR [--runs 30] [--start 2026-01-01 --end 2026-06-30
//                            --prev-start 2025-07-01 --prev-end 2025-12-31]
//
// The as-of date is taken as the period's end (the end of the effective
// period). Prints `key value…` lines: load_ms, first_query_ms, query_ms
// (median min max runs N), peak_rss_kib, and one `checksum` line with the
// fields of bench_hot_report's.
import { DuckDBInstance } from '@duckdb/node-api';
import { performance } from 'node:perf_hooks';
import path from 'node:path';

function parseArgs(argv) {
  const args = {
    dir: null, runs: 30,
    start: '2026-01-01', end: '2026-06-30', prevStart: '2025-07-01', prevEnd: '2025-12-31',
  };
  const names = { '--runs': 'runs', '--start': 'start', '--end': 'end', '--prev-start': 'prevStart', '--prev-end': 'prevEnd' };
  for (let i = 0; i < argv.length; ++i) {
    if (names[argv[i]] && i + 1 < argv.length) args[names[argv[i]]] = argv[++i];
    else if (!args.dir) args.dir = argv[i];
    else throw new Error(`unexpected argument ${argv[i]}`);
  }
  if (!args.dir) throw new Error('usage: node bench.mjs DATA_DIR [--runs N]');
  args.runs = Number(args.runs);
  for (const key of ['start', 'end', 'prevStart', 'prevEnd']) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(args[key])) throw new Error(`bad date ${args[key]}`);
  }
  return args;
}

// Every table of the folder, with its columns typed as SPEC §1.2 says.
// Money and hours become integers (cents, hundredths) at load time.
function loadStatements(dir) {
  const csv = (file, columns) => {
    const cols = Object.entries(columns).map(([k, v]) => `'${k}': '${v}'`).join(', ');
    const p = path.join(dir, file).replaceAll("'", "''");
    return `read_csv('${p}', header = true, delim = ',', quote = '"', columns = {${cols}})`;
  };
  return [
    `CREATE TABLE clients AS SELECT * FROM ${csv('clients.csv', { client_id: 'VARCHAR', name: 'VARCHAR', sector: 'VARCHAR' })}`,
    `CREATE TABLE contracts AS SELECT * FROM ${csv('contracts.csv', {
      contract_id: 'VARCHAR', client_id: 'VARCHAR', start_date: 'DATE', end_date: 'DATE',
      renewal_of: 'VARCHAR', renewal_type: 'VARCHAR', signed_on: 'DATE' })}`,
    `CREATE TABLE missions AS SELECT * FROM ${csv('missions.csv', {
      mission_id: 'VARCHAR', client_id: 'VARCHAR', name: 'VARCHAR', start_date: 'DATE', end_date: 'DATE',
      contract_id: 'VARCHAR', type: 'VARCHAR', complexity: 'INTEGER', fee: 'DECIMAL(18,2)' })}`,
    `CREATE TABLE employees AS SELECT * FROM ${csv('employees.csv', { employee_id: 'VARCHAR', name: 'VARCHAR', role: 'VARCHAR', weekly_hours: 'DECIMAL(6,2)' })}`,
    `CREATE TABLE cost_rates AS SELECT employee_id, valid_from, CAST(hourly_cost * 100 AS BIGINT) AS cost_c FROM ${csv('cost_rates.csv', {
      employee_id: 'VARCHAR', valid_from: 'DATE', hourly_cost: 'DECIMAL(18,2)' })}`,
    `CREATE TABLE stores AS SELECT * FROM ${csv('stores.csv', { store_id: 'VARCHAR', name: 'VARCHAR', chain: 'VARCHAR', region: 'VARCHAR' })}`,
    `CREATE TABLE time_entries AS SELECT employee_id, date, CAST(hours * 100 AS INTEGER) AS hours_h, activity, mission_id FROM ${csv('time_entries.csv', {
      employee_id: 'VARCHAR', date: 'DATE', hours: 'DECIMAL(6,2)', activity: 'VARCHAR', mission_id: 'VARCHAR' })}`,
    `CREATE TABLE expenses AS SELECT date, CAST(amount * 100 AS BIGINT) AS amount_c, category, mission_id FROM ${csv('expenses.csv', {
      date: 'DATE', amount: 'DECIMAL(18,2)', category: 'VARCHAR', mission_id: 'VARCHAR' })}`,
    `CREATE TABLE invoices AS SELECT invoice_id, client_id, date, CAST(amount * 100 AS BIGINT) AS amount_c, mission_id FROM ${csv('invoices.csv', {
      invoice_id: 'VARCHAR', client_id: 'VARCHAR', date: 'DATE', amount: 'DECIMAL(18,2)', mission_id: 'VARCHAR' })}`,
    `CREATE TABLE visits AS SELECT * FROM ${csv('visits.csv', {
      visit_id: 'VARCHAR', employee_id: 'VARCHAR', mission_id: 'VARCHAR', store_id: 'VARCHAR', date: 'DATE', action: 'VARCHAR' })}`,
    `CREATE TABLE objectives AS SELECT * FROM ${csv('objectives.csv', {
      objective_id: 'VARCHAR', mission_id: 'VARCHAR', metric: 'VARCHAR', aggregation: 'VARCHAR',
      target: 'DECIMAL(24,6)', start_date: 'DATE', end_date: 'DATE' })}`,
    `CREATE TABLE results AS SELECT * FROM ${csv('results.csv', {
      mission_id: 'VARCHAR', metric: 'VARCHAR', date: 'DATE', value: 'DECIMAL(24,6)', store_id: 'VARCHAR' })}`,
  ];
}

// n / d rounded half away from zero, d > 0, in HUGEINT.
const MACROS = `
CREATE OR REPLACE MACRO rdiv(n, d) AS
  CASE WHEN n >= 0 THEN (2 * n + d) // (2 * d) ELSE -((-2 * n + d) // (2 * d)) END`;

// The labour cost of every time entry of the two periods (0 = the report's,
// 1 = the previous one), at the employee's rate with the greatest
// valid_from <= date: computed once per run, used by both figures.
function costedQuery(a) {
  return `
CREATE OR REPLACE TEMP TABLE costed AS
WITH periods(p, s, e) AS (VALUES (0, DATE '${a.start}', DATE '${a.end}'), (1, DATE '${a.prevStart}', DATE '${a.prevEnd}')),
entries AS (
  SELECT p.p, t.mission_id, t.hours_h, t.date, t.employee_id
  FROM time_entries t JOIN periods p ON t.date BETWEEN p.s AND p.e
)
SELECT e.p, e.mission_id, e.hours_h, CAST(e.hours_h AS BIGINT) * r.cost_c AS cost_u
FROM entries e ASOF JOIN cost_rates r ON e.employee_id = r.employee_id AND e.date >= r.valid_from`;
}

// Margin per mission for period 0 (the report's) and 1 (the previous one).
function marginQuery(a) {
  return `
CREATE OR REPLACE TEMP TABLE margin_result AS
WITH periods(p, s, e) AS (VALUES (0, DATE '${a.start}', DATE '${a.end}'), (1, DATE '${a.prevStart}', DATE '${a.prevEnd}')),
labour AS MATERIALIZED (
  SELECT p, mission_id, SUM(hours_h)::BIGINT AS hours_h, SUM(cost_u)::HUGEINT AS cost_u
  FROM costed GROUP BY ALL
),
spent AS MATERIALIZED (
  SELECT p.p, x.mission_id, SUM(x.amount_c)::HUGEINT AS amount_c
  FROM expenses x JOIN periods p ON x.date BETWEEN p.s AND p.e GROUP BY ALL
),
billed AS MATERIALIZED (
  SELECT p.p, i.mission_id, SUM(i.amount_c)::HUGEINT AS amount_c
  FROM invoices i JOIN periods p ON i.date BETWEEN p.s AND p.e
  WHERE i.mission_id IS NOT NULL GROUP BY ALL
),
pool AS (
  SELECT p.p,
    COALESCE((SELECT SUM(cost_u) FROM labour l WHERE l.p = p.p AND l.mission_id IS NULL), 0)::HUGEINT
    + 100 * COALESCE((SELECT SUM(amount_c) FROM spent x WHERE x.p = p.p AND x.mission_id IS NULL), 0)::HUGEINT AS pool_u,
    COALESCE((SELECT SUM(hours_h) FROM labour l WHERE l.p = p.p AND l.mission_id IS NOT NULL), 0)::HUGEINT AS total_h
  FROM periods p
),
keys AS (
  SELECT p, mission_id FROM labour WHERE mission_id IS NOT NULL
  UNION SELECT p, mission_id FROM spent WHERE mission_id IS NOT NULL
  UNION SELECT p, mission_id FROM billed
),
per_mission AS (
  SELECT k.p, k.mission_id,
    COALESCE(b.amount_c, 0)::HUGEINT AS revenue_c,
    COALESCE(l.hours_h, 0)::HUGEINT AS hours_h,
    COALESCE(l.cost_u, 0)::HUGEINT AS labour_u,
    COALESCE(x.amount_c, 0)::HUGEINT AS expenses_c,
    o.pool_u, o.total_h
  FROM keys k
  JOIN pool o ON o.p = k.p
  LEFT JOIN labour l ON l.p = k.p AND l.mission_id = k.mission_id
  LEFT JOIN spent x ON x.p = k.p AND x.mission_id = k.mission_id
  LEFT JOIN billed b ON b.p = k.p AND b.mission_id = k.mission_id
),
figures AS (
  SELECT *,
    -- full margin in cost units × total hours (exact): revenue − labour − expenses − pool × h / H
    CASE WHEN total_h > 0 THEN (100 * (revenue_c - expenses_c) - labour_u) * total_h - pool_u * hours_h
         ELSE 100 * (revenue_c - expenses_c) - labour_u END AS margin_num,
    CASE WHEN total_h > 0 THEN 100 * total_h ELSE 100 END AS margin_den
  FROM per_mission
)
SELECT p, mission_id, revenue_c, hours_h, expenses_c,
  rdiv(labour_u, 100) AS labour_c,
  CASE WHEN total_h > 0 THEN rdiv(pool_u * hours_h, 100 * total_h) ELSE 0 END AS overhead_c,
  rdiv(margin_num, margin_den) AS full_margin_c,
  CASE WHEN revenue_c > 0 THEN margin_num::DOUBLE / (margin_den * revenue_c)::DOUBLE END AS full_margin_rate,
  rdiv(pool_u, 100) AS pool_c
FROM figures`;
}

// Revenue per client over the report's period.
function clientQuery(a) {
  return `
CREATE OR REPLACE TEMP TABLE client_result AS
WITH labour AS (
  SELECT m.client_id, SUM(e.hours_h)::BIGINT AS hours_h, SUM(e.cost_u)::HUGEINT AS cost_u
  FROM costed e JOIN missions m USING (mission_id) WHERE e.p = 0 GROUP BY ALL
),
spent AS (
  SELECT m.client_id, SUM(x.amount_c)::BIGINT AS amount_c
  FROM expenses x JOIN missions m USING (mission_id)
  WHERE x.date BETWEEN DATE '${a.start}' AND DATE '${a.end}' GROUP BY ALL
),
billed AS (
  SELECT client_id, SUM(amount_c)::BIGINT AS amount_c
  FROM invoices WHERE date BETWEEN DATE '${a.start}' AND DATE '${a.end}' GROUP BY ALL
),
seen AS (
  SELECT m.client_id, COUNT(*) AS visits
  FROM visits v JOIN missions m USING (mission_id)
  WHERE v.date BETWEEN DATE '${a.start}' AND DATE '${a.end}' GROUP BY ALL
),
keys AS (
  SELECT client_id FROM labour UNION SELECT client_id FROM spent
  UNION SELECT client_id FROM billed UNION SELECT client_id FROM seen
)
SELECT k.client_id,
  COALESCE(b.amount_c, 0) AS revenue_c,
  COALESCE(l.hours_h, 0) AS hours_h,
  rdiv(COALESCE(l.cost_u, 0), 100) AS labour_c,
  COALESCE(x.amount_c, 0) AS expenses_c,
  COALESCE(s.visits, 0) AS visits
FROM keys k
LEFT JOIN labour l USING (client_id)
LEFT JOIN spent x USING (client_id)
LEFT JOIN billed b USING (client_id)
LEFT JOIN seen s USING (client_id)`;
}

const CHECKSUM_QUERY = `
WITH cur AS (SELECT * FROM margin_result WHERE p = 0),
prev AS (SELECT mission_id, full_margin_rate FROM margin_result WHERE p = 1)
SELECT
  (SELECT COUNT(*) FROM cur) AS missions,
  (SELECT SUM(revenue_c) FROM cur) AS m_revenue,
  (SELECT SUM(hours_h) FROM cur) AS m_hours,
  (SELECT SUM(labour_c) FROM cur) AS m_labor,
  (SELECT SUM(expenses_c) FROM cur) AS m_expenses,
  (SELECT SUM(overhead_c) FROM cur) AS m_overhead,
  (SELECT SUM(full_margin_c) FROM cur) AS m_full_margin,
  (SELECT ANY_VALUE(pool_c) FROM cur) AS overhead_pool,
  (SELECT COUNT(prev.full_margin_rate) FROM cur JOIN prev USING (mission_id)) AS prev_rates,
  (SELECT COALESCE(SUM(prev.full_margin_rate), 0) FROM cur JOIN prev USING (mission_id)) AS prev_rate_sum,
  (SELECT COUNT(*) FROM client_result) AS clients,
  (SELECT SUM(revenue_c) FROM client_result) AS c_revenue,
  (SELECT SUM(hours_h) FROM client_result) AS c_hours,
  (SELECT SUM(labour_c) FROM client_result) AS c_labor,
  (SELECT SUM(expenses_c) FROM client_result) AS c_expenses,
  (SELECT SUM(visits) FROM client_result) AS c_visits`;

const ms = (start) => performance.now() - start;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();

  let start = performance.now();
  for (const sql of loadStatements(args.dir)) await con.run(sql);
  console.log(`load_ms ${ms(start).toFixed(3)}`);

  await con.run(MACROS);
  const costed = costedQuery(args);
  const margin = marginQuery(args);
  const clients = clientQuery(args);
  const query = async () => {
    await con.run(costed);
    await con.run(margin);
    await con.run(clients);
  };
  start = performance.now();
  await query();
  console.log(`first_query_ms ${ms(start).toFixed(3)}`);

  const times = [];
  for (let i = 0; i < args.runs; ++i) {
    start = performance.now();
    await query();
    times.push(ms(start));
  }
  console.log(`query_ms ${median(times).toFixed(3)} ${Math.min(...times).toFixed(3)} ${Math.max(...times).toFixed(3)} runs ${args.runs}`);
  console.log(`peak_rss_kib ${process.resourceUsage().maxRSS}`);

  const reader = await con.runAndReadAll(CHECKSUM_QUERY);
  const row = reader.getRowObjects()[0];
  const fields = Object.entries(row).map(([k, v]) => {
    if (k === 'prev_rate_sum') return `${k}=${Number(v).toFixed(6)}`;
    return `${k}=${v === null ? 0 : v.toString()}`;
  });
  console.log(`checksum ${fields.join(' ')}`);
}

main().catch((error) => {
  console.error(`duckdb bench: ${error.message}`);
  process.exit(1);
});
