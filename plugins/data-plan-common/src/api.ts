import { PlanEvaluation } from './plan/evaluatePlan';
import {
  CriterionResult,
  Level,
  ParsedPlan,
  PlanDiagnostic,
  PlanStatus,
  Severity,
} from './plan/types';

/**
 * Response of `GET /api/data-plan/health`.
 *
 * @public
 */
export interface DataPlanHealthResponse {
  status: 'ok';
}

/**
 * One data project in the plan list: the columns the governance page shows and sorts by.
 *
 * @public
 */
export interface PlanSummary {
  entityRef: string;
  title?: string;
  owner?: string;
  status?: PlanStatus;
  planVersion?: string;
  objects: number;
  risks: {
    total: number;
    high: number;
    unmitigated: number;
    topScore?: number;
  };
  validation: Record<CriterionResult, number>;
  findings: Record<Severity, number>;
  lastRefreshedAt?: string;
  lastError?: string;
}

/**
 * Sort keys of the plan list.
 *
 * @public
 */
export type PlanSortKey =
  | 'worst'
  | 'name'
  | 'status'
  | 'owner'
  | 'risk'
  | 'refreshed';

/**
 * Filters shared by the plan list, its facets and its CSV export.
 *
 * @public
 */
export interface PlanListFilters {
  owner?: string[];
  status?: PlanStatus[];
  /** Only projects with at least one finding or diagnostic of this severity. */
  severity?: Severity;
  /** Only projects with a high-impact risk that has no mitigation. */
  unmitigatedHighRisk?: boolean;
  /** Free text over name, title and owner. */
  text?: string;
}

/**
 * Query of `GET /plans`.
 *
 * @public
 */
export interface ListPlansRequest extends PlanListFilters {
  sort?: PlanSortKey;
  order?: 'asc' | 'desc';
  limit?: number;
  cursor?: string;
}

/**
 * Response of `GET /plans`.
 *
 * @public
 */
export interface ListPlansResponse {
  items: PlanSummary[];
  totalCount: number;
  nextCursor?: string;
}

/**
 * Response of `GET /plans/facets`: summaries over every matching project.
 *
 * @public
 */
export interface PlanFacetsResponse {
  totalCount: number;
  byStatus: Partial<Record<PlanStatus | 'UNKNOWN', number>>;
  /** `riskMatrix[probability][impact]` counts over all matching projects' risks. */
  riskMatrix: Record<Level, Record<Level, number>>;
  byOwner: Array<{
    owner: string;
    count: number;
    errors: number;
    unmitigatedHighRisks: number;
  }>;
  findings: Record<Severity, number>;
}

/**
 * A diagnostic or finding with a link to its line in the source, when the source is a URL.
 *
 * @public
 */
export interface LinkedDiagnostic extends PlanDiagnostic {
  url?: string;
}

/**
 * Response of `GET /plans/by-entity/:kind/:namespace/:name`.
 *
 * @public
 */
export interface PlanDetailsResponse {
  entityRef: string;
  source?: { url?: string; path: string };
  plan?: ParsedPlan;
  evaluation?: PlanEvaluation;
  diagnostics: LinkedDiagnostic[];
  refresh: {
    lastRefreshedAt?: string;
    lastSuccessAt?: string;
    lastError?: string;
  };
}

/**
 * Body of `POST /lint`.
 *
 * @public
 */
export interface LintPlanRequest {
  text: string;
}

/**
 * Response of `POST /lint`.
 *
 * @public
 */
export interface LintPlanResponse {
  diagnostics: PlanDiagnostic[];
  evaluation: PlanEvaluation;
}
