import {
  LintPlanResponse,
  ListPlansResponse,
  PlanDetailsResponse,
  PlanEvaluation,
  splitFindings,
} from '@dataplan/plugin-data-plan-common';
import { PlanPage, StoredProject } from '../database/DataPlanStore';
import { encodeCursor } from './planListQuery';

/** A page of the list as GET /plans sends it: the next page's position as its cursor. */
export function listPlansResponse(
  page: PlanPage & { totalCount: number },
): ListPlansResponse {
  return {
    items: page.items,
    ...(page.next
      ? { nextCursor: encodeCursor(page.next.sortValue, page.next.entityRef) }
      : {}),
    totalCount: page.totalCount,
  };
}

/** A stored project as GET /plans/by-entity/… and its refresh send it. */
export function planDetailsResponse(
  entityRef: string,
  project: StoredProject,
): PlanDetailsResponse {
  const source = project.source;
  const lineUrl = (line?: number) =>
    source?.type === 'url' && line ? `${source.location}#L${line}` : undefined;
  const sent = project.evaluation && splitFindings(project.evaluation);
  const diagnostics = (sent?.diagnostics ?? []).map(d => {
    const url = lineUrl(d.line);
    return url ? { ...d, url } : d;
  });
  return {
    entityRef,
    ...(source
      ? {
          source: {
            path: source.path,
            ...(source.type === 'url' ? { url: source.location } : {}),
          },
        }
      : {}),
    ...(project.plan ? { plan: project.plan } : {}),
    ...(sent ? { evaluation: sent.evaluation } : {}),
    ...(project.policyName ? { policy: project.policyName } : {}),
    ...(project.statusSince ? { statusSince: project.statusSince } : {}),
    ...(project.evaluation?.waivers
      ? { waivers: project.evaluation.waivers }
      : {}),
    ...(project.evaluation?.repository
      ? { repository: project.evaluation.repository }
      : {}),
    diagnostics,
    refresh: {
      ...(project.lastRefreshedAt
        ? { lastRefreshedAt: project.lastRefreshedAt }
        : {}),
      ...(project.lastSuccessAt
        ? { lastSuccessAt: project.lastSuccessAt }
        : {}),
      ...(project.lastError ? { lastError: project.lastError } : {}),
    },
  };
}

/** The evaluation of linted text as POST /lint sends it. */
export function lintPlanResponse(evaluation: PlanEvaluation): LintPlanResponse {
  return splitFindings(evaluation);
}
