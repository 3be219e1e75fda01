import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { DataPlanHealthResponse } from '@dataplan/plugin-data-plan-common';
import express from 'express';
import { createOpenApiRouter } from '../schema/openapi.generated';
import { DataPlanService } from './DataPlanService';
import { flatQuery } from './flatQuery';
import { jsonBody } from './jsonBody';
import { parseListQuery } from './queryParams';
import { writeChunks } from './writeChunks';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  service: DataPlanService;
  /** The largest plan accepted, which also caps a request body. */
  maxPlanBytes: number;
}

/** The HTTP API of src/schema/openapi.yaml: each route parses, calls the service and sends. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, auditor, service, maxPlanBytes } = options;
  // Every request is checked against src/schema/openapi.yaml before a handler sees it. The
  // document itself is checked by its test: checking it at each start costs the backend
  // a compile of the whole OpenAPI schema.
  const router = await createOpenApiRouter({
    middleware: [flatQuery(), jsonBody({ maxPlanBytes })],
    validatorOptions: { validateApiSpec: false },
  });

  const credentials = (req: Parameters<HttpAuthService['credentials']>[0]) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/health', async (req, res) => {
    await credentials(req);
    const body: DataPlanHealthResponse = { status: 'ok' };
    res.json(body);
  });

  router.get('/plans', async (req, res) => {
    const query = parseListQuery(req.query);
    res.json(
      await service.listPlans(query, { credentials: await credentials(req) }),
    );
  });

  router.get('/plans/facets', async (req, res) => {
    const filters = parseListQuery(req.query);
    res.json(
      await service.getFacets(filters, { credentials: await credentials(req) }),
    );
  });

  router.get('/plans/rollup', async (req, res) => {
    const { by, ...filters } = req.query;
    res.json(
      await service.getRollup(by, parseListQuery(filters), {
        credentials: await credentials(req),
      }),
    );
  });

  router.get('/plans/export.csv', async (req, res) => {
    const query = parseListQuery(req.query);
    const chunks = await service.exportCsv(query, {
      credentials: await credentials(req),
    });
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      'attachment; filename="data-plans.csv"',
    );
    await writeChunks(res, chunks);
  });

  router.get('/plans/trends', async (req, res) => {
    const { from, to, interval, ...list } = req.query;
    res.json(
      await service.getTrends(
        { ...parseListQuery(list), from, to, interval },
        { credentials: await credentials(req) },
      ),
    );
  });

  router.get(
    '/plans/by-entity/:kind/:namespace/:name/history',
    async (req, res) => {
      res.json(
        await service.getHistory(req.params, {
          credentials: await credentials(req),
        }),
      );
    },
  );

  router.get('/plans/by-entity/:kind/:namespace/:name', async (req, res) => {
    res.json(
      await service.getPlan(req.params, {
        credentials: await credentials(req),
      }),
    );
  });

  router.post(
    '/plans/by-entity/:kind/:namespace/:name/refresh',
    async (req, res) => {
      res.json(
        await service.refreshPlan(req.params, {
          credentials: await credentials(req),
          audit: entityRef =>
            auditor.createEvent({
              eventId: 'plan-refresh',
              request: req,
              meta: { entityRef },
            }),
        }),
      );
    },
  );

  // Plan text for editors and CI, parsed in the worker pool like a refreshed plan; the spec
  // and jsonBody have checked the body's shape and size already.
  router.post('/lint', async (req, res) => {
    res.json(
      await service.lintPlan(req.body.text, {
        credentials: await credentials(req),
      }),
    );
  });

  return router;
}
