import { LEVELS, OBJECT_KINDS } from '@dataplan/plugin-data-plan-common';
import { enumValues } from './enumValues';

describe('enumValues', () => {
  it("gives common's lists as they are, in order", () => {
    expect(enumValues(OBJECT_KINDS)).toEqual([...OBJECT_KINDS]);
    expect(enumValues(LEVELS)).toEqual(['low', 'medium', 'high']);
  });
});
