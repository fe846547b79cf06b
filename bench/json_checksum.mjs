// Prints the `checksum` line of bench_hot_report from a JSON report file
// (agencykpi report --format json), so the cold command's output is checked
// against the hot computation and DuckDB. Money and hours are read as
// numbers with two decimals and turned back into integer cents/hundredths.
//
//   node bench/json_checksum.mjs REPORT.json
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const c = (x) => Math.round(x * 100);
const sum = (items, f) => items.reduce((acc, item) => acc + f(item), 0);
const missions = report.margin.missions;
const clients = report.revenue.clients;
const previous = missions.filter((m) => m.previous_full_margin_rate !== null);
const fields = {
  missions: missions.length,
  m_revenue: sum(missions, (m) => c(m.revenue)),
  m_hours: sum(missions, (m) => c(m.hours)),
  m_labor: sum(missions, (m) => c(m.labor_cost)),
  m_expenses: sum(missions, (m) => c(m.expenses)),
  m_overhead: sum(missions, (m) => c(m.overhead)),
  m_full_margin: sum(missions, (m) => c(m.full_margin)),
  overhead_pool: c(report.margin.overhead_pool),
  prev_rates: previous.length,
  prev_rate_sum: sum(previous, (m) => m.previous_full_margin_rate).toFixed(6),
  clients: clients.length,
  c_revenue: sum(clients, (x) => c(x.revenue)),
  c_hours: sum(clients, (x) => c(x.hours)),
  c_labor: sum(clients, (x) => c(x.labor_cost)),
  c_expenses: sum(clients, (x) => c(x.expenses)),
  c_visits: sum(clients, (x) => x.visits),
};
console.log(`checksum ${Object.entries(fields).map(([k, v]) => `${k}=${v}`).join(' ')}`);
