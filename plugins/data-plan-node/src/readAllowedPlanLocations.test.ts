import { ConfigReader } from '@backstage/config';
import { readAllowedPlanLocations } from './readAllowedPlanLocations';

describe('readAllowedPlanLocations', () => {
  it('is empty by default', () => {
    expect(readAllowedPlanLocations(new ConfigReader({}))).toEqual([]);
    expect(
      readAllowedPlanLocations(new ConfigReader({ dataPlan: {} })),
    ).toEqual([]);
  });

  it('normalises hosts and prefixes as URLs are, ending each prefix at a folder', () => {
    expect(
      readAllowedPlanLocations(
        new ConfigReader({
          dataPlan: {
            allowedPlanLocations: [
              { host: 'GitHub.com', pathPrefix: '/acme/shared-plans' },
              { host: 'git.acme.io:8443', pathPrefix: '/a/./b/../plans/' },
            ],
          },
        }),
      ),
    ).toEqual([
      { host: 'github.com', pathPrefix: '/acme/shared-plans/' },
      { host: 'git.acme.io:8443', pathPrefix: '/a/plans/' },
    ]);
  });

  it.each([
    [{ host: 'github.com/acme', pathPrefix: '/x/' }, /\[0\]\.host/],
    [{ host: 'user@github.com', pathPrefix: '/x/' }, /\[0\]\.host/],
    [{ host: '', pathPrefix: '/x/' }, /\[0\]\.host/],
    [{ host: 'github.com', pathPrefix: 'acme/' }, /\[0\]\.pathPrefix/],
    [{ host: 'github.com', pathPrefix: '//evil.com/' }, /\[0\]\.pathPrefix/],
    [{ host: 'github.com' }, /pathPrefix/],
  ])('names the key of a bad entry %j', (entry, message) => {
    expect(() =>
      readAllowedPlanLocations(
        new ConfigReader({ dataPlan: { allowedPlanLocations: [entry] } }),
      ),
    ).toThrow(message);
  });
});
