import { portalEnv } from './portal';

describe('portalEnv', () => {
  it("drops the test runner's variables and keeps the caller's others", () => {
    const env = portalEnv({
      NODE_ENV: 'test',
      CI: 'true',
      JEST_WORKER_ID: '1',
      PATH: '/bin',
      npm_config_nodedir: '/node',
    });
    expect(env).toEqual({
      PATH: '/bin',
      npm_config_nodedir: '/node',
      BROWSER: 'none',
    });
  });
});
