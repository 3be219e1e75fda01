import {
  checkLayerList,
  enumField,
  identifierField,
  layerField,
} from './formFields';

describe('form fields', () => {
  it('upper-cases identifiers and trims what it keeps', () => {
    expect(identifierField('database', ' sales_db ')).toBe('SALES_DB');
    expect(layerField('layer', ' raw ')).toBe('raw');
    expect(enumField('kind', 'view', ['table', 'view'], 'a kind')).toBe('view');
    expect(() => checkLayerList(['raw', 'gold'])).not.toThrow();
  });

  it.each([
    [() => identifierField('database', ''), /^database: is required$/],
    [
      () => identifierField('schemas.raw', 'RAW.X'),
      /^schemas\.raw: 'RAW\.X' is not a valid Snowflake identifier/,
    ],
    [
      () => layerField('objects[0].layer', '../x'),
      /^objects\[0\]\.layer: '\.\.\/x' is not a valid layer name/,
    ],
    [
      () => checkLayerList(['raw', 'raw']),
      /^layers\[1\]: 'raw' is listed more than once$/,
    ],
    [
      () =>
        enumField('risks[0].impact', 'High', ['low', 'high'], 'low or high'),
      /^risks\[0\]\.impact: 'High' is not low or high$/,
    ],
  ])(
    'rejects a bad value with an InputError naming the field (%#)',
    (read, message) => {
      expect(read).toThrow(
        expect.objectContaining({
          name: 'InputError',
          message: expect.stringMatching(message),
        }),
      );
    },
  );
});
