import { createMockDirectory } from '@backstage/backend-test-utils';
import { UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { NotFoundError, NotModifiedError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { symlinkSync } from 'node:fs';
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

  function reader(urlReader = fakeUrlReader({}).reader, maxPlanBytes = 1024) {
    return DefaultPlanReader.create({
      urlReader,
      integrations,
      planRoots: [root.resolve('examples')],
      maxPlanBytes,
    });
  }

  beforeEach(() => {
    root.clear();
    outside.clear();
  });

  describe('resolveSource', () => {
    it('resolves the plan against the source location', async () => {
      await expect(
        reader().resolveSource(
          entity({
            'backstage.io/source-location':
              'url:https://github.com/acme/orders/tree/main/',
            'dataplan/plan': 'docs/PLAN.md',
          }),
        ),
      ).resolves.toEqual({
        type: 'url',
        location: 'https://github.com/acme/orders/tree/main/docs/PLAN.md',
        path: 'docs/PLAN.md',
      });
    });

    it('resolves against the managed-by URL location’s folder, with PLAN.md by default', async () => {
      await expect(
        reader().resolveSource(
          entity({
            'backstage.io/managed-by-location':
              'url:https://github.com/acme/orders/blob/main/catalog-info.yaml',
          }),
        ),
      ).resolves.toEqual({
        type: 'url',
        // The GitHub integration resolves relative paths to tree URLs, which it reads too.
        location: 'https://github.com/acme/orders/tree/main/PLAN.md',
        path: 'PLAN.md',
      });
    });

    it('resolves against the folder of a file location', async () => {
      await expect(
        reader().resolveSource(
          entity({
            'backstage.io/managed-by-location':
              'file:/repo/examples/orders/catalog-info.yaml',
          }),
        ),
      ).resolves.toEqual({
        type: 'file',
        location: '/repo/examples/orders/PLAN.md',
        path: 'PLAN.md',
      });
    });

    it.each([
      ['file:/repo/catalog-info.yaml', '/etc/passwd'],
      ['file:/repo/catalog-info.yaml', 'file:/etc/passwd'],
      ['file:/repo/a/catalog-info.yaml', '../b/PLAN.md'],
      [
        'url:https://github.com/acme/orders/blob/main/catalog-info.yaml',
        'https://github.com/acme/private/blob/main/PLAN.md',
      ],
      [
        'url:https://github.com/acme/orders/blob/main/catalog-info.yaml',
        '../../private/blob/main/PLAN.md',
      ],
    ])(
      'refuses, from %s, the plan path %s that leaves the entity’s folder',
      async (location, path) => {
        await expect(
          reader().resolveSource(
            entity({
              'backstage.io/managed-by-location': location,
              'dataplan/plan': path,
            }),
          ),
        ).rejects.toMatchObject({
          name: 'NotAllowedError',
          message: expect.stringMatching(
            /must be a relative path inside the entity's folder/,
          ),
        });
      },
    );

    it('says when an entity has no location to read from', async () => {
      await expect(reader().resolveSource(entity({}))).rejects.toThrow(
        /neither backstage\.io\/source-location nor backstage\.io\/managed-by-location/,
      );
    });
  });

  describe('read from a URL', () => {
    const url = 'https://github.com/acme/orders/blob/main/PLAN.md';

    it('downloads a changed plan and skips an unchanged one by ETag', async () => {
      const { reader: urlReader } = fakeUrlReader({
        [url]: { text: '# plan', etag: '"v2"' },
      });
      const planReader = reader(urlReader);
      await expect(
        planReader.read(
          { type: 'url', location: url, path: 'PLAN.md' },
          { etag: '"v1"' },
        ),
      ).resolves.toEqual({
        status: 'read',
        text: '# plan',
        etag: '"v2"',
        contentHash: contentHash('# plan'),
      });
      await expect(
        planReader.read(
          { type: 'url', location: url, path: 'PLAN.md' },
          { etag: '"v2"' },
        ),
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
        reader(urlReader).read(
          { type: 'url', location: url, path: 'PLAN.md' },
          { contentHash: contentHash('# plan') },
        ),
      ).resolves.toEqual({ status: 'unchanged' });
    });

    it('enforces the size cap on the stream', async () => {
      const { reader: urlReader, streamed } = fakeUrlReader({
        [url]: { text: 'x'.repeat(2048) },
      });
      await expect(
        reader(urlReader).read({ type: 'url', location: url, path: 'PLAN.md' }),
      ).rejects.toThrow(/is larger than the 1024-byte limit for a plan/);
      expect(streamed).toEqual([url]);
    });

    it('passes a missing plan on as NotFoundError', async () => {
      await expect(
        reader().read({ type: 'url', location: url, path: 'PLAN.md' }),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
    });
  });

  describe('read from a file', () => {
    it('reads a plan below the plan roots and skips it when unchanged', async () => {
      root.setContent({ 'examples/orders/PLAN.md': '# plan' });
      const source = {
        type: 'file' as const,
        location: root.resolve('examples/orders/PLAN.md'),
        path: 'PLAN.md',
      };
      await expect(reader().read(source)).resolves.toEqual({
        status: 'read',
        text: '# plan',
        contentHash: contentHash('# plan'),
      });
      await expect(
        reader().read(source, { contentHash: contentHash('# plan') }),
      ).resolves.toEqual({ status: 'unchanged' });
    });

    it('refuses a file outside the plan roots, also through a symbolic link', async () => {
      root.setContent({ 'secrets/PLAN.md': 'secret', examples: {} });
      outside.setContent({ 'PLAN.md': 'elsewhere' });
      symlinkSync(outside.resolve('PLAN.md'), root.resolve('examples/PLAN.md'));
      for (const location of [
        root.resolve('secrets/PLAN.md'),
        root.resolve('examples/../secrets/PLAN.md'),
        root.resolve('examples/PLAN.md'),
      ]) {
        await expect(
          reader().read({ type: 'file', location, path: 'PLAN.md' }),
        ).rejects.toMatchObject({
          name: 'NotAllowedError',
          message: expect.stringMatching(
            /outside the folders plans may be read from/,
          ),
        });
      }
    });

    it('refuses an oversized file before reading it, and says when it is missing', async () => {
      root.setContent({ 'examples/big/PLAN.md': 'x'.repeat(4096) });
      await expect(
        reader().read({
          type: 'file',
          location: root.resolve('examples/big/PLAN.md'),
          path: 'PLAN.md',
        }),
      ).rejects.toThrow(/is larger than the 1024-byte limit/);
      await expect(
        reader().read({
          type: 'file',
          location: root.resolve('examples/none/PLAN.md'),
          path: 'PLAN.md',
        }),
      ).rejects.toThrow(/does not exist/);
    });
  });
});
