import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import express, { ErrorRequestHandler } from 'express';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import request from 'supertest';
import { spec } from './openapi.generated';

const repoRoot = resolve(__dirname, '../../../..');

/** Runs the repository's generator, as `yarn openapi:generate` does. */
function generator(...args: string[]) {
  return execFileSync(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      resolve(repoRoot, 'scripts/openapi-generate.ts'),
      ...args,
    ],
    { cwd: repoRoot, encoding: 'utf8' },
  );
}

describe('openapi.generated', () => {
  let checked: string | undefined;
  // --check fails (and so throws here) when any generated file differs from the YAML's.
  const check = () => (checked ??= generator('--check'));

  it('holds exactly the document of openapi.yaml', () => {
    expect(spec).toEqual(JSON.parse(generator('--json')));
  });

  it('is what `yarn openapi:generate` writes, formatted', () => {
    expect(check()).toMatch(
      /^plugins\/data-plan-backend\/src\/schema\/openapi\.generated\.ts is up to date$/m,
    );
  });

  it("is the source of data-plan-common's request and response types", () => {
    expect(check()).toMatch(
      /^plugins\/data-plan-common\/src\/generated\/openapi\.ts is up to date$/m,
    );
  });

  it("is the definition of the API entity in the package's catalog-info.yaml", () => {
    expect(check()).toMatch(
      /^plugins\/data-plan-backend\/catalog-info\.yaml is up to date$/m,
    );
  });

  // The backend skips this check at start (see router.ts), so it is made here.
  it('is a valid OpenAPI 3.0 document', async () => {
    const router = createValidatedOpenApiRouter(spec, {
      validatorOptions: { validateApiSpec: true },
    });
    router.get('/health', (_req, res) => {
      res.json({ status: 'ok' });
    });
    const reportError: ErrorRequestHandler = (error, _req, res, _next) => {
      res.status(500).json({ message: error.message });
    };
    const app = express().use(router).use(reportError);
    const res = await request(app).get('/health');
    expect(res.body).toEqual({ status: 'ok' });
  });
});
