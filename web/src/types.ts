// Shapes of the JSON API (docs/api.md) and of the report (SPEC §4).
// Money is in euros, ratios unrounded, undefined figures null.
// The report's rows and their enums are generated from the server's row
// descriptions into report-rows.ts (`agencykpi schema --format ts`).

import type { TrendPoint, VisitAction } from './report-rows';

// Every generated row, enum and name list, as if declared here.
export * from './report-rows';

// The report (SPEC §4) and its sections (Report, Recurrence, Revenue, Margin,
// Objectives) are generated too.

export interface Trend {
  granularity: 'month' | 'quarter' | 'half';
  as_of: string;
  points: TrendPoint[];
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
  /** Renewal signal margin_low: the client's margin / revenue over the last 90 days below it (SPEC §6.3). */
  renewal_margin_low_rate: number;
  /** Renewal signal activity_down: visits of the last 90 days below it × those of the 90 before. */
  renewal_activity_down_ratio: number;
  /** Renewal signal revenue_down: invoices of the last 90 days below it × those of the 90 before. */
  renewal_revenue_down_ratio: number;
  /** Renewal level high from this many signals, medium from renewal_medium_risk_from. */
  renewal_high_risk_from: number;
  renewal_medium_risk_from: number;
}

export interface Meta {
  dataset_version: number;
  imported_at: string | null;
  source: string;
  currency: string;
  counts: Record<string, number>;
  first_date: string | null;
  last_date: string | null;
  /** Each fact table's last day ("invoices": "2026-06-30"); tables without rows are absent. */
  last_dates: Record<string, string>;
  rules: Rules;
}

export interface ImportIssue {
  file: string;
  line: number;
  /** In a sheet: the cell ("C12") or the row ("12:12"); null in a CSV file. */
  cell?: string | null;
  column: string;
  /** The message's id ("invalid_number"), whatever the language. */
  code?: string;
  /** In the language of the import request (?lang=fr). */
  message: string;
  /** What was probably meant; null when there is no hint. */
  hint?: string | null;
  /** FILE:LINE: COLUMN: message, then the hint, as `check` prints it. */
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

// Review, ShelfState, PanelPart, SalesPart and the review's other parts are generated.

// The pages of one client (ClientDetail), of one mission (MissionDetail) and
// the brand picker (BrandListing) are generated too (src/report/page_rows.h).
