/**
 * Response of `GET /api/data-plan/health`.
 *
 * @public
 */
export interface DataPlanHealthResponse {
  status: 'ok';
}
