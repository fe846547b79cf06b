// Shapes of the JSON API (docs/api.md) and of the report (SPEC §4).
// Money is in euros, ratios unrounded, undefined figures null.
// The report's rows and their enums are generated from the server's row
// descriptions into report-rows.ts (`agencykpi schema --format ts`).

import type {
  Num,
  MissionMargin,
  ObjectiveItem,
  RecurrenceClient,
  RecurrenceStatus,
  RevenueClient,
  ReviewChain,
  ReviewContract,
  TrendPoint,
  ReviewDnMonth,
  ReviewSalesMonth,
  ReviewStore,
  VisitAction,
} from './report-rows';

// Every generated row, enum and name list, as if declared here.
export * from './report-rows';

export interface PeriodInfo {
  start: string;
  end: string;
  as_of: string;
  previous_start: string;
  previous_end: string;
  label?: string;
  grace_days?: number;
}

export interface Recurrence {
  ending_clients: number;
  spontaneous: number;
  solicited: number;
  pending: number;
  lost: number;
  decided: number;
  recurrence_rate: Num;
  renewal_rate: Num;
  churn_rate: Num;
  clients: RecurrenceClient[];
}

export interface Revenue {
  total_revenue: number;
  clients_billed: number;
  average_per_client: Num;
  unallocated_revenue: number;
  top1_share: Num;
  top3_share: Num;
  hhi: Num;
  clients: RevenueClient[];
}

export interface Margin {
  revenue: number;
  labor_cost: number;
  expenses: number;
  total_cost: number;
  margin: number;
  margin_rate: Num;
  overhead_pool: number;
  overhead_unallocated: number;
  missions: MissionMargin[];
}

export interface Objectives {
  count: number;
  met: number;
  met_share: Num;
  mean_attainment: Num;
  mean_capped_attainment: Num;
  items: ObjectiveItem[];
}

export interface Report {
  period: PeriodInfo;
  currency: string;
  recurrence: Recurrence;
  revenue: Revenue;
  margin: Margin;
  objectives: Objectives;
}

export interface Trend {
  granularity: 'month' | 'quarter' | 'half';
  as_of: string;
  points: TrendPoint[];
}

export interface Contract {
  contract_id: string;
  start_date: string;
  end_date: string;
  signed_on: string | null;
  renewal_of: string | null;
  renewal_type: 'spontaneous' | 'solicited' | null;
  renewed_by: string | null;
}

export interface ClientDetail {
  period: PeriodInfo;
  client: { client_id: string; name: string; sector: string | null };
  revenue: RevenueClient | null;
  recurrence: RecurrenceClient | null;
  missions: MissionMargin[];
  objectives: ObjectiveItem[];
  contracts: Contract[];
  visits_by_action: Record<string, number>;
}

export interface MonthlyPoint {
  month: string;
  revenue: number;
  full_cost: number;
  full_margin: number;
  full_margin_rate: Num;
}

export interface MissionDetail {
  period: PeriodInfo;
  mission: {
    mission_id: string;
    client_id: string;
    client_name: string;
    name: string;
    type: string | null;
    start_date: string;
    end_date: string;
    contract_id: string | null;
    complexity: number | null;
  };
  margin: MissionMargin | null;
  monthly: MonthlyPoint[];
  objectives: ObjectiveItem[];
}

/**
 * The rule thresholds of GET /api/v1/meta (docs/api.md), named once on the
 * server (src/kpi/rules.h): the dashboard reads them, never retypes them.
 */
export interface Rules {
  /** Pareto class A when the cumulative share before the client is below it (SPEC §3.2). */
  pareto_class_a_below: number;
  /** Pareto class B when below it and not A (SPEC §3.2). */
  pareto_class_b_below: number;
  /** Flag low_margin when full_margin ≥ 0 and the full margin rate is below it (SPEC §3.3). */
  thin_margin_rate: number;
  /** Flag eroding when margin_rate_change is at most it (SPEC §3.3). */
  eroding_rate_change: number;
  /** Status met when attainment is at least it (SPEC §3.4). */
  met_attainment: number;
  /** A sum objective under way is on_track when projected_attainment is at least it (SPEC §3.4). */
  on_track_projected_attainment: number;
  /** A client whose share of revenue is above it raises a concentration alert. */
  concentration_alert_share: number;
  /** HHI bands: diversified below hhi_moderate_from, highly concentrated above hhi_high_above. */
  hhi_moderate_from: number;
  hhi_high_above: number;
}

export interface Meta {
  dataset_version: number;
  imported_at: string | null;
  source: string;
  currency: string;
  counts: Record<string, number>;
  first_date: string | null;
  last_date: string | null;
  rules: Rules;
}

export interface ImportIssue {
  file: string;
  line: number;
  column: string;
  message: string;
  text: string;
}

export interface ImportSuccess {
  ok: true;
  dataset_version: number;
  counts: Record<string, number>;
  warnings: ImportIssue[];
}

export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    details?: { parameter?: string; errors?: ImportIssue[]; warnings?: ImportIssue[]; limit_bytes?: number };
  };
}

/** The brand review of GET /api/v1/clients/{id}/review (SPEC §5); its list rows are generated. */
export type ByAction = Record<VisitAction, number>;

export interface ShelfState {
  stores: number;
  present: number;
  dn: Num;
  facings: number;
  facings_per_present_store: Num;
}
export interface PanelPart {
  stores: number;
  dn_start: Num;
  dn_end: Num;
  dn_change: Num;
}
export interface SalesPart {
  stores: number;
  sales: number;
  sales_previous: number;
  change_rate: Num;
}
export interface Review {
  period: PeriodInfo;
  currency: string;
  client: { client_id: string; name: string; sector: string | null };
  shelf: { current: ShelfState; previous: ShelfState; dn_change: Num; panel: PanelPart };
  actions: { visits: number; stores_visited: number; worked_stores: number; by_action: ByAction };
  impact: { worked: PanelPart; control: PanelPart; dn_lift: Num };
  sales: {
    tracked_stores: number;
    sales: number;
    sales_previous: number;
    change_rate: Num;
    worked: SalesPart;
    control: SalesPart;
    lift: Num;
    all_stores: { sales: number; sales_previous: number };
  };
  dn_by_month: ReviewDnMonth[];
  sales_by_month: ReviewSalesMonth[];
  by_chain: ReviewChain[];
  stores: ReviewStore[];
  objectives: { count: number; met: number; met_share: Num; mean_attainment: Num; mean_capped_attainment: Num; items: ObjectiveItem[] };
  recurrence_status: RecurrenceStatus | null;
  contracts: ReviewContract[];
}

/** GET /api/v1/brands: the brands with a review in the period (audits, visits or sales in it). */
export interface BrandListing {
  period: PeriodInfo;
  brands: { client_id: string; name: string; audits: number; visits: number; sales_rows: number }[];
}
