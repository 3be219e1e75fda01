import { HttpAuthService } from '@backstage/backend-plugin-api';
import { DataPlanHealthResponse } from '@dataplan/plugin-data-plan-common';
import express from 'express';
import Router from 'express-promise-router';

export async function createRouter(options: {
  httpAuth: HttpAuthService;
}): Promise<express.Router> {
  const { httpAuth } = options;
  const router = Router();
  router.use(express.json());

  router.get('/health', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const body: DataPlanHealthResponse = { status: 'ok' };
    res.json(body);
  });

  return router;
}
