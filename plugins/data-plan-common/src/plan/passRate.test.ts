import { validationPassRate } from './passRate';

describe('validationPassRate', () => {
  it('counts passed among the criteria with a result, none while none has one', () => {
    expect(validationPassRate({ pass: 3, fail: 1 })).toBe(0.75);
    expect(validationPassRate({ pass: 0, fail: 2 })).toBe(0);
    expect(validationPassRate({ pass: 0, fail: 0 })).toBeUndefined();
  });
});
