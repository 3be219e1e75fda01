import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DataPlanHealthResponse,
  dataPlanReadPermission,
  dataPlanRefreshPermission,
  isDataPlanAvailable,
  LintPlanResponse,
  ListPlansResponse,
  PlanFacetsResponse,
  PlanSummary,
  PlanDetailsResponse,
} from '@dataplan/plugin-data-plan-common';
import express, { Request } from 'express';
import { DataPlanStore, StoredProject } from '../database/DataPlanStore';
import { createOpenApiRouter } from '../schema/openapi.generated';
import { flatQuery } from './flatQuery';
import { jsonBody } from './jsonBody';
import { PlanParser } from './parsing/PlanParser';
import { PLAN_CSV_HEADER, planCsvRows } from './planCsv';
import { PlanVisibility } from './PlanVisibility';
import { parseListQuery } from './queryParams';
import { PlanRefresher } from './PlanRefresher';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  catalog: CatalogService;
  store: DataPlanStore;
  refresher: PlanRefresher;
  parser: PlanParser;
  visibility: PlanVisibility;
  maxPlanBytes: number;
}

function details(
  entityRef: string,
  project: StoredProject,
): PlanDetailsResponse {
  const source = project.source;
  const lineUrl = (line?: number) =>
    source?.type === 'url' && line ? `${source.location}#L${line}` : undefined;
  const evaluation = project.evaluation;
  const diagnostics = [
    ...(evaluation?.diagnostics ?? []),
    ...(evaluation?.findings ?? []),
  ].map(d => {
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
    ...(evaluation ? { evaluation } : {}),
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

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    httpAuth,
    permissions,
    auditor,
    catalog,
    store,
    refresher,
    parser,
    visibility,
    maxPlanBytes,
  } = options;
  // Every request is checked against src/schema/openapi.yaml before a handler sees it. The
  // document itself is checked by its test: checking it at each start costs the backend
  // a compile of the whole OpenAPI schema.
  const router = await createOpenApiRouter({
    middleware: [flatQuery(), jsonBody({ maxPlanBytes })],
    validatorOptions: { validateApiSpec: false },
  });

  /** The caller's credentials, once the basic data-plan read permission allows them. */
  async function readerCredentials(req: Request) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: dataPlanReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('You may not read data plans');
    }
    return credentials;
  }

  /**
   * The data project the caller names, fetched with the caller's own credentials: an entity
   * they may not read gets the same 404 as one without a plan.
   */
  async function readableProject(req: Request) {
    const credentials = await readerCredentials(req);
    const { kind, namespace, name } = req.params;
    const entityRef = stringifyEntityRef({ kind, namespace, name });
    const entity: Entity | undefined = await catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity || !isDataPlanAvailable(entity)) {
      throw new NotFoundError(`No data plan for ${entityRef}`);
    }
    return { credentials, entity, entityRef: stringifyEntityRef(entity) };
  }

  router.get('/health', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const body: DataPlanHealthResponse = { status: 'ok' };
    res.json(body);
  });

  /** What the caller may see; the read check is part of it, cached with it. */
  async function listAccess(
    req: Parameters<HttpAuthService['credentials']>[0],
  ) {
    return visibility.for(
      await httpAuth.credentials(req, { allow: ['user', 'service'] }),
    );
  }

  router.get('/plans', async (req, res) => {
    const query = parseListQuery(req.query);
    const body: ListPlansResponse = await store.listPlans(
      query,
      await listAccess(req),
    );
    res.json(body);
  });

  router.get('/plans/facets', async (req, res) => {
    const body: PlanFacetsResponse = await store.getFacets(
      parseListQuery(req.query),
      await listAccess(req),
    );
    res.json(body);
  });

  router.get('/plans/export.csv', async (req, res) => {
    const query = parseListQuery(req.query);
    const visible = await listAccess(req);
    const pages = store.streamPlans(query, visible);
    const first = await pages.next(); // fail before the headers are sent
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      'attachment; filename="data-plans.csv"',
    );
    res.write(PLAN_CSV_HEADER);
    let closed = false;
    res.on('close', () => {
      closed = true;
    });
    // Resolves once the client takes more, or has gone; never rejects, so a dropped
    // connection ends the export quietly instead of as a server error.
    const drained = () =>
      new Promise<void>(resolve => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    // A page (up to 1,000 rows) goes out as one chunk; the next page waits until the
    // client has taken it, so that a slow client never makes the server hold the export.
    const write = async (items: PlanSummary[]) => {
      const chunk = planCsvRows(items);
      if (!res.write(chunk) && !closed) await drained();
    };
    if (!first.done) await write(first.value);
    for await (const page of pages) {
      if (closed) break;
      await write(page);
    }
    res.end();
  });

  router.get('/plans/by-entity/:kind/:namespace/:name', async (req, res) => {
    const { entity, entityRef } = await readableProject(req);
    let project = await store.getProject(entityRef);
    if (!project || project.deletedAt) {
      // Not read yet (a project created moments ago): read it now, once.
      await refresher.refreshEntity(entity);
      project = await store.getProject(entityRef);
    }
    if (!project) throw new NotFoundError(`No data plan for ${entityRef}`);
    res.json(details(entityRef, project));
  });

  router.post(
    '/plans/by-entity/:kind/:namespace/:name/refresh',
    async (req, res) => {
      const { credentials, entity, entityRef } = await readableProject(req);
      const auditEvent = await auditor.createEvent({
        eventId: 'plan-refresh',
        request: req,
        meta: { entityRef },
      });
      let outcome;
      try {
        const [decision] = await permissions.authorize(
          [{ permission: dataPlanRefreshPermission, resourceRef: entityRef }],
          { credentials },
        );
        if (decision.result !== AuthorizeResult.ALLOW) {
          throw new NotAllowedError(
            `You may not refresh the plan of ${entityRef}`,
          );
        }
        outcome = await refresher.refreshEntity(entity);
      } catch (error) {
        await auditEvent.fail({ error: error as Error });
        throw error;
      }
      const project = await store.getProject(entityRef);
      if (outcome === 'error' || !project) {
        // The refresh ran but read no plan: the answer shows the error, the audit a failure.
        await auditEvent.fail({
          meta: { outcome },
          error: new Error(project?.lastError ?? `No plan for ${entityRef}`),
        });
      } else {
        await auditEvent.success({ meta: { outcome } });
      }
      if (!project) throw new NotFoundError(`No data plan for ${entityRef}`);
      res.json(details(entityRef, project));
    },
  );

  // Plan text for editors and CI, parsed in the worker pool like a refreshed plan. The
  // spec and jsonBody have checked the body's shape and the size cap already; the cap
  // counts bytes, which a string's length in the schema cannot.
  router.post('/lint', async (req, res) => {
    await readerCredentials(req);
    const text: string = req.body.text;
    if (Buffer.byteLength(text) > maxPlanBytes) {
      throw new InputError(
        `text: the plan is larger than the ${maxPlanBytes}-byte limit`,
      );
    }
    const { evaluation } = await parser.parse(text);
    const body: LintPlanResponse = {
      diagnostics: evaluation.diagnostics,
      evaluation,
    };
    res.json(body);
  });

  return router;
}
