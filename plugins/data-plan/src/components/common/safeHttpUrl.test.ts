import { safeHttpUrl } from './safeHttpUrl';

describe('safeHttpUrl', () => {
  it('keeps http and https URLs', () => {
    expect(safeHttpUrl('https://git.example.com/a/PLAN.md#L3')).toBe(
      'https://git.example.com/a/PLAN.md#L3',
    );
    expect(safeHttpUrl('http://localhost:7007/x')).toBe(
      'http://localhost:7007/x',
    );
  });

  it('drops other schemes, relative paths and nothing', () => {
    // eslint-disable-next-line no-script-url -- the URL a link must never get
    expect(safeHttpUrl('javascript:alert(1)')).toBeUndefined();
    expect(
      safeHttpUrl('data:text/html,<script>alert(1)</script>'),
    ).toBeUndefined();
    expect(safeHttpUrl('/catalog/default')).toBeUndefined();
    expect(safeHttpUrl('')).toBeUndefined();
    expect(safeHttpUrl(undefined)).toBeUndefined();
  });
});
