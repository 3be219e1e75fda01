import { createMockDirectory } from '@backstage/backend-test-utils';
import { UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { NotFoundError, NotModifiedError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { contentHash, DefaultPlanReader } from './PlanReader';

const integrations = ScmIntegrations.fromConfig(
  new ConfigReader({ integrations: { github: [{ host: 'github.com' }] } }),
);

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'orders', annotations },
    spec: { type: 'data-project' },
  };
}

/** A UrlReader over an in-memory map of URL → { text, etag }. */
function fakeUrlReader(files: Record<string, { text: string; etag?: string }>) {
  const streamed: string[] = [];
  const reader = {
    readUrl: jest.fn(async (url: string, options?: { etag?: string }) => {
      const file = files[url];
      if (!file) throw new NotFoundError(`${url} not found`);
      if (file.etag && options?.etag === file.etag)
        throw new NotModifiedError();
      return {
        buffer: async () => Buffer.from(file.text),
        stream: () => {
          streamed.push(url);
          return Readable.from([Buffer.from(file.text)]);
        },
        etag: file.etag,
      };
    }),
    readTree: jest.fn(),
    search: jest.fn(),
  };
  return {
    reader: reader as unknown as UrlReaderService & typeof reader,
    streamed,
  };
}

describe('DefaultPlanReader', () => {
  const root = createMockDirectory();
  const outside = createMockDirectory();

  function reader(
    urlReader = fakeUrlReader({}).reader,
    maxPlanBytes = 1024,
    options: Partial<Parameters<typeof DefaultPlanReader.create>[0]> = {},
  ) {
    return DefaultPlanReader.create({
      urlReader,
      integrations,
      planRoots: [root.resolve('examples')],
      rootDir: root.path,
      maxPlanBytes,
      ...options,
    });
  }

  /** An entity registered from `location`, with the plan path `plan` if given. */
  function registered(location: string, plan?: string, extra = {}) {
    return entity({
      'backstage.io/managed-by-location': location,
      ...(plan === undefined ? {} : { 'dataplan/plan': plan }),
      ...extra,
    });
  }

  /** The message a refused read or resolution gives. */
  async function refusal(promise: Promise<unknown>): Promise<string> {
    const error = await promise.then(
      () => undefined,
      (e: Error) => e,
    );
    if (!error) throw new Error('expected a refusal');
    return `${error.name}: ${error.message}`;
  }

  beforeEach(() => {
    root.clear();
    outside.clear();
  });

  describe('resolveSource', () => {
    const descriptor =
      'url:https://github.com/acme/orders/blob/main/data/orders/catalog-info.yaml';
    const folder = 'https://github.com/acme/orders/tree/main/data/orders/';

    it('resolves against the managed-by URL location’s folder, with PLAN.md by default', async () => {
      await expect(
        reader().resolveSource(
          registered(
            'url:https://github.com/acme/orders/blob/main/catalog-info.yaml',
          ),
        ),
      ).resolves.toEqual({
        type: 'url',
        // The GitHub integration resolves relative paths to tree URLs, which it reads too.
        location: 'https://github.com/acme/orders/tree/main/PLAN.md',
        path: 'PLAN.md',
        folder: 'https://github.com/acme/orders/tree/main/',
      });
      await expect(
        reader().resolveSource(registered(descriptor, 'docs/./PLAN.md')),
      ).resolves.toMatchObject({ location: `${folder}docs/PLAN.md` });
    });

    it('ignores a backstage.io/source-location set by the entity’s author', async () => {
      const foreign = {
        'backstage.io/source-location':
          'url:https://github.com/acme/private/tree/main/',
      };
      await expect(
        reader().resolveSource(registered(descriptor, 'PLAN.md', foreign)),
      ).resolves.toMatchObject({ location: `${folder}PLAN.md` });
      await expect(
        reader().resolveSource(
          entity({ ...foreign, 'dataplan/plan': 'PLAN.md' }),
        ),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringContaining(
          'The entity has no backstage.io/managed-by-location',
        ),
      });
    });

    it.each([
      // Each of these resolves into another repository, or outside the entity's folder.
      // → https://github.com/acme/private/blob/main/PLAN.md on today's resolution.
      '%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/private/blob/main/PLAN.md',
      '%2E%2E/%2E%2E/%2E%2E/%2E%2E/%2E%2E/private/blob/main/PLAN.md',
      '%2e%2e/%2e%2e/%2e%2e/%2e%2e/private/blob/main/PLAN.md',
      '.%2e/.%2e/.%2E/%2e./private/blob/main/PLAN.md',
      '..%2f..%2f..%2f..%2fprivate%2fblob%2fmain%2fPLAN.md',
      '%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fprivate/blob/main/PLAN.md',
      '..%5c..%5c..%5c..%5cprivate/blob/main/PLAN.md',
      '..%5C..%5Cshared/PLAN.md',
      '%252e%252e/%252e%252e/%252e%252e/%252e%252e/private/blob/main/PLAN.md',
      '%25252e%25252e/PLAN.md',
      '..\\..\\..\\..\\private\\blob\\main\\PLAN.md',
      '..\\../..\\../private/blob/main/PLAN.md',
      '%2e%2e\\%2e%2e/private/PLAN.md',
      'docs/%2e%2e/%2e%2e/sibling/PLAN.md',
      'PLAN.md%00.txt',
      'PLAN.md%3Fref=other-branch',
      '%C0%AE%C0%AE/%C0%AE%C0%AE/private/PLAN.md',
      '../sibling/PLAN.md',
      '../../private/blob/main/PLAN.md',
      '/PLAN.md',
      '//evil.example/PLAN.md',
      'https://github.com/acme/private/blob/main/PLAN.md',
      'https://github.com/acme/orders/blob/other-branch/data/orders/PLAN.md',
      'https://evil.example/acme/orders/tree/main/data/orders/PLAN.md',
      'file:/etc/passwd',
    ])(
      'refuses the plan path %s, naming the annotation and the allowed folder',
      async path => {
        await expect(
          reader().resolveSource(registered(descriptor, path)),
        ).rejects.toMatchObject({
          name: 'NotAllowedError',
          message: expect.stringContaining(
            `must be a relative path inside the entity's folder ${folder} (annotation dataplan/plan`,
          ),
        });
      },
    );

    it.each([
      '%2e%2e/b/PLAN.md',
      '..%2fb%2fPLAN.md',
      '..\\b\\PLAN.md',
      '%252e%252e/b/PLAN.md',
      '../b/PLAN.md',
      '/etc/passwd',
      'file:/etc/passwd',
      '.',
    ])('refuses, from a file location, the plan path %s', async path => {
      root.setContent({
        'examples/a/catalog-info.yaml': '',
        'examples/b/PLAN.md': '# plan',
      });
      await expect(
        reader().resolveSource(
          registered(
            `file:${root.resolve('examples/a/catalog-info.yaml')}`,
            path,
          ),
        ),
      ).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringContaining(
          "must be a relative path inside the entity's folder examples/a/ (annotation dataplan/plan",
        ),
      });
    });

    it('resolves against the folder of a file location', async () => {
      await expect(
        reader().resolveSource(
          registered('file:/repo/examples/orders/catalog-info.yaml'),
        ),
      ).resolves.toEqual({
        type: 'file',
        location: '/repo/examples/orders/PLAN.md',
        path: 'PLAN.md',
        folder: '/repo/examples/orders',
      });
    });

    it('resolves a file location that names a folder into that folder', async () => {
      root.setContent({ 'examples/orders/PLAN.md': '# plan' });
      for (const location of [
        `file:${root.resolve('examples/orders')}`,
        `file:${root.resolve('examples/orders')}/`,
        `file:${root.resolve('examples/gone')}/`,
      ]) {
        const folderPath = location.slice('file:'.length).replace(/\/$/, '');
        await expect(
          reader().resolveSource(registered(location)),
        ).resolves.toEqual({
          type: 'file',
          location: `${folderPath}/PLAN.md`,
          path: 'PLAN.md',
          folder: folderPath,
        });
      }
      const planReader = reader();
      await expect(
        planReader.read(
          await planReader.resolveSource(
            registered(`file:${root.resolve('examples/orders')}`),
          ),
        ),
      ).resolves.toMatchObject({ status: 'read', text: '# plan' });
    });

    describe('with dataPlan.allowedPlanLocations', () => {
      const allowed = reader(undefined, undefined, {
        allowedPlanLocations: [
          { host: 'github.com', pathPrefix: '/acme/shared-plans/' },
        ],
      });

      it('reads a plan from an allowed location outside the entity’s folder', async () => {
        await expect(
          allowed.resolveSource(
            registered(
              descriptor,
              'https://github.com/acme/shared-plans/blob/main/orders/PLAN.md',
            ),
          ),
        ).resolves.toEqual({
          type: 'url',
          location:
            'https://github.com/acme/shared-plans/tree/main/orders/PLAN.md',
          path: 'https://github.com/acme/shared-plans/blob/main/orders/PLAN.md',
          folder,
        });
        // Not allowed without the config.
        await expect(
          reader().resolveSource(
            registered(
              descriptor,
              'https://github.com/acme/shared-plans/blob/main/orders/PLAN.md',
            ),
          ),
        ).rejects.toMatchObject({ name: 'NotAllowedError' });
      });

      it.each([
        'https://github.com/acme/shared-plans-evil/blob/main/PLAN.md',
        'https://github.com/acme/private/blob/main/PLAN.md',
        'https://github.com/acme/shared-plans/../private/blob/main/PLAN.md',
        'https://github.com/acme/shared-plans/%2e%2e/private/blob/main/PLAN.md',
        'https://github.com/acme/shared-plans/blob/main/%2e%2e%2f%2e%2e%2fx',
        'https://github.com/acme/shared-plans/',
        'https://user@github.com/acme/shared-plans/blob/main/PLAN.md',
        'https://github.com:8443/acme/shared-plans/blob/main/PLAN.md',
        'https://gitlab.com/acme/shared-plans/blob/main/PLAN.md',
        'http://evil.example/acme/shared-plans/blob/main/PLAN.md',
      ])('allows only that location, not %s', async path => {
        await expect(
          allowed.resolveSource(registered(descriptor, path)),
        ).rejects.toMatchObject({ name: 'NotAllowedError' });
      });
    });

    it('says when an entity has no location to read from', async () => {
      await expect(reader().resolveSource(entity({}))).rejects.toThrow(
        /no backstage\.io\/managed-by-location: nowhere to read 'PLAN\.md' from/,
      );
    });
  });

  describe('read from a URL', () => {
    const url = 'https://github.com/acme/orders/blob/main/PLAN.md';
    const urlSource = {
      type: 'url' as const,
      location: url,
      path: 'PLAN.md',
      folder: 'https://github.com/acme/orders/tree/main/',
    };

    it('downloads a changed plan and skips an unchanged one by ETag', async () => {
      const { reader: urlReader } = fakeUrlReader({
        [url]: { text: '# plan', etag: '"v2"' },
      });
      const planReader = reader(urlReader);
      await expect(
        planReader.read(urlSource, { etag: '"v1"' }),
      ).resolves.toEqual({
        status: 'read',
        text: '# plan',
        etag: '"v2"',
        contentHash: contentHash('# plan'),
      });
      await expect(
        planReader.read(urlSource, { etag: '"v2"' }),
      ).resolves.toEqual({
        status: 'unchanged',
        etag: '"v2"',
      });
    });

    it('skips an unchanged plan by content hash when the source has no ETag', async () => {
      const { reader: urlReader } = fakeUrlReader({
        [url]: { text: '# plan' },
      });
      await expect(
        reader(urlReader).read(urlSource, {
          contentHash: contentHash('# plan'),
        }),
      ).resolves.toEqual({ status: 'unchanged' });
    });

    it('enforces the size cap on the stream', async () => {
      const { reader: urlReader, streamed } = fakeUrlReader({
        [url]: { text: 'x'.repeat(2048) },
      });
      await expect(reader(urlReader).read(urlSource)).rejects.toThrow(
        /is larger than the 1024-byte limit for a plan/,
      );
      expect(streamed).toEqual([url]);
    });

    it('passes a missing plan on as NotFoundError', async () => {
      await expect(reader().read(urlSource)).rejects.toMatchObject({
        name: 'NotFoundError',
      });
    });
  });

  describe('read from a file', () => {
    /** The source of an entity registered from `examples/<name>/catalog-info.yaml`. */
    function sourceOf(name: string, plan?: string, planReader = reader()) {
      return planReader.resolveSource(
        registered(
          `file:${root.resolve(`examples/${name}/catalog-info.yaml`)}`,
          plan,
        ),
      );
    }

    it('reads a plan in the entity’s folder and skips it when unchanged', async () => {
      root.setContent({ 'examples/orders/PLAN.md': '# plan' });
      const source = await sourceOf('orders');
      await expect(reader().read(source)).resolves.toEqual({
        status: 'read',
        text: '# plan',
        contentHash: contentHash('# plan'),
      });
      await expect(
        reader().read(source, { contentHash: contentHash('# plan') }),
      ).resolves.toEqual({ status: 'unchanged' });
    });

    it('reads the repository’s sample projects as the portal registers them', async () => {
      const repo = resolve(__dirname, '../../../..');
      const samples = readdirSync(`${repo}/examples/data-projects`);
      expect(samples.length).toBeGreaterThan(0);
      const portal = reader(undefined, 1024 * 1024, {
        rootDir: repo,
        planRoots: [`${repo}/examples/data-projects`],
      });
      for (const name of samples) {
        const descriptor = `${repo}/examples/data-projects/${name}/catalog-info.yaml`;
        const plan = readFileSync(descriptor, 'utf8').match(
          /^\s+dataplan\/plan:\s*(\S+)\s*$/m,
        )?.[1];
        const source = await portal.resolveSource(
          registered(`file:${descriptor}`, plan),
        );
        await expect(portal.read(source)).resolves.toMatchObject({
          status: 'read',
        });
      }
    });

    it('refuses a symbolic link out of the entity’s folder, into a sibling’s or anywhere', async () => {
      root.setContent({
        'examples/a/docs': {},
        'examples/b/PLAN.md': '# the plan of b',
      });
      outside.setContent({ 'PLAN.md': 'elsewhere' });
      symlinkSync(
        root.resolve('examples/b/PLAN.md'),
        root.resolve('examples/a/PLAN.md'),
      );
      symlinkSync(root.resolve('examples/b'), root.resolve('examples/a/plans'));
      symlinkSync(
        outside.resolve('PLAN.md'),
        root.resolve('examples/a/docs/PLAN.md'),
      );
      for (const [plan, shown] of [
        ['PLAN.md', 'examples/a/PLAN.md'],
        ['plans/PLAN.md', 'examples/a/plans/PLAN.md'],
        ['docs/PLAN.md', 'examples/a/docs/PLAN.md'],
      ]) {
        expect(await refusal(reader().read(await sourceOf('a', plan)))).toBe(
          `NotAllowedError: ${shown} leads outside the entity's folder examples/a/ through a symbolic link`,
        );
      }
    });

    it('refuses a plan in a sibling entity’s folder under the same plan root', async () => {
      root.setContent({
        'examples/a/catalog-info.yaml': '',
        'examples/b/PLAN.md': '# the plan of b',
      });
      for (const location of [
        `file:${root.resolve('examples/a/catalog-info.yaml')}`,
        `file:${root.resolve('examples/a')}/`,
      ]) {
        await expect(
          reader().resolveSource(registered(location, '../b/PLAN.md')),
        ).rejects.toMatchObject({ name: 'NotAllowedError' });
        // A location naming the folder is that folder, not its parent.
        await expect(
          reader().read(
            await reader().resolveSource(registered(location, 'b/PLAN.md')),
          ),
        ).rejects.toThrow(/^examples\/a\/b\/PLAN\.md does not exist$/);
      }
    });

    it('refuses a file outside the plan roots, also through a symbolic link', async () => {
      root.setContent({ 'secrets/PLAN.md': 'secret', examples: {} });
      outside.setContent({ 'PLAN.md': 'elsewhere' });
      symlinkSync(root.resolve('secrets'), root.resolve('examples/linked'));
      for (const planReader of [
        reader(),
        reader(undefined, undefined, { rootDir: undefined }),
      ]) {
        for (const source of [
          await planReader.resolveSource(
            registered(`file:${root.resolve('secrets/catalog-info.yaml')}`),
          ),
          await sourceOf('linked', 'PLAN.md', planReader),
        ]) {
          const message = await refusal(planReader.read(source));
          expect(message).toMatch(
            /^NotAllowedError: .*PLAN\.md is outside the folders plans may be read from \(dataPlan\.planRoots\)$/,
          );
          expect(message).not.toContain(root.path);
        }
      }
    });

    it('shows paths relative to dataPlan.rootDir or the plan root, never absolute', async () => {
      root.setContent({
        'examples/big/PLAN.md': 'x'.repeat(4096),
        'examples/dir/PLAN.md': {},
        'examples/file/PLAN.md': '# plan',
      });
      const cases: Array<[string, string | undefined, string]> = [
        [
          'big',
          undefined,
          'InputError: examples/big/PLAN.md is larger than the 1024-byte limit for a plan',
        ],
        ['none', undefined, 'InputError: examples/none/PLAN.md does not exist'],
        ['dir', undefined, 'InputError: examples/dir/PLAN.md is not a file'],
        [
          'file',
          'PLAN.md/x.md',
          'InputError: examples/file/PLAN.md/x.md cannot be read (ENOTDIR)',
        ],
      ];
      for (const [name, plan, message] of cases) {
        expect(await refusal(reader().read(await sourceOf(name, plan)))).toBe(
          message,
        );
      }
      // Without rootDir, relative to the plan root.
      const noRoot = reader(undefined, undefined, { rootDir: undefined });
      expect(
        await refusal(noRoot.read(await sourceOf('none', undefined, noRoot))),
      ).toBe('InputError: none/PLAN.md does not exist');
      expect(
        await refusal(
          reader().resolveSource(
            registered(
              `file:${outside.resolve('x/catalog-info.yaml')}`,
              '../y',
            ),
          ),
        ),
      ).not.toContain(outside.path);
    });
  });

  describe('the waiver file', () => {
    const descriptor =
      'url:https://github.com/acme/orders/blob/main/data/orders/catalog-info.yaml';
    const folder = 'https://github.com/acme/orders/tree/main/data/orders/';

    it('is .dataplan/waivers.yaml beside the plan, or the annotation’s path, inside the entity’s folder', async () => {
      await expect(
        reader().resolveWaiversSource(registered(descriptor)),
      ).resolves.toEqual({
        type: 'url',
        location: `${folder}.dataplan/waivers.yaml`,
        path: '.dataplan/waivers.yaml',
        folder,
      });
      await expect(
        reader().resolveWaiversSource(registered(descriptor, 'docs/PLAN.md')),
      ).resolves.toMatchObject({
        location: `${folder}docs/.dataplan/waivers.yaml`,
      });
      await expect(
        reader().resolveWaiversSource(
          registered(descriptor, undefined, {
            'dataplan/waivers': 'governance/waivers.yaml',
          }),
        ),
      ).resolves.toMatchObject({
        location: `${folder}governance/waivers.yaml`,
      });
      expect(
        await refusal(
          reader().resolveWaiversSource(
            registered(descriptor, undefined, {
              'dataplan/waivers': '../other/waivers.yaml',
            }),
          ),
        ),
      ).toBe(
        `NotAllowedError: Waiver file path '../other/waivers.yaml' must be a relative path inside the entity's folder ${folder} (annotation dataplan/waivers; the folder is that of backstage.io/managed-by-location)`,
      );
    });

    it('is missing, not an error, when there is none, from a URL or a file', async () => {
      const source = await reader().resolveWaiversSource(
        registered(descriptor),
      );
      await expect(reader().readWaivers(source)).resolves.toEqual({
        status: 'missing',
      });
      root.setContent({ 'examples/orders/PLAN.md': '# plan' });
      const file = await reader().resolveWaiversSource(
        registered(`file:${root.resolve('examples/orders/catalog-info.yaml')}`),
      );
      await expect(reader().readWaivers(file)).resolves.toEqual({
        status: 'missing',
      });
    });

    it('reads an empty file as text, and skips an unchanged one by ETag', async () => {
      const url = `${folder}.dataplan/waivers.yaml`;
      const { reader: urlReader } = fakeUrlReader({
        [url]: { text: '', etag: '"w1"' },
      });
      const planReader = reader(urlReader);
      const source = await planReader.resolveWaiversSource(
        registered(descriptor),
      );
      await expect(planReader.readWaivers(source)).resolves.toEqual({
        status: 'read',
        text: '',
        etag: '"w1"',
        contentHash: contentHash(''),
      });
      await expect(
        planReader.readWaivers(source, { etag: '"w1"' }),
      ).resolves.toEqual({ status: 'unchanged', etag: '"w1"' });
    });

    it('holds a file to its own size cap and to the entity’s folder through symbolic links', async () => {
      root.setContent({
        'examples/big/.dataplan/waivers.yaml': 'x'.repeat(1024 * 1024 + 1),
        'examples/linked/.dataplan': {},
      });
      outside.setContent({ 'waivers.yaml': 'waivers: []' });
      symlinkSync(
        outside.resolve('waivers.yaml'),
        root.resolve('examples/linked/.dataplan/waivers.yaml'),
      );
      const sourceOf = (name: string) =>
        reader().resolveWaiversSource(
          registered(
            `file:${root.resolve(`examples/${name}/catalog-info.yaml`)}`,
          ),
        );
      // The plan's cap is 1024 bytes here: a waiver file has its own.
      expect(await refusal(reader().readWaivers(await sourceOf('big')))).toBe(
        'InputError: examples/big/.dataplan/waivers.yaml is larger than the 1048576-byte limit for a waiver file',
      );
      expect(
        await refusal(reader().readWaivers(await sourceOf('linked'))),
      ).toBe(
        "NotAllowedError: examples/linked/.dataplan/waivers.yaml leads outside the entity's folder examples/linked/ through a symbolic link",
      );
    });
  });
});
