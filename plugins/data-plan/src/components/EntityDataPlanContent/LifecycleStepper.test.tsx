import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { LifecycleStepper } from './LifecycleStepper';

describe('LifecycleStepper', () => {
  it('marks the current step in words and as aria-current', async () => {
    await renderInTestApp(<LifecycleStepper status="REVIEW" />);

    const list = screen.getByRole('list', { name: 'Plan lifecycle' });
    const steps = within(list).getAllByRole('listitem');
    // Done steps show a check mark, the others their number.
    expect(steps.map(step => step.textContent)).toEqual([
      'DraftDone',
      '2In reviewCurrent step',
      '3Approved',
      '4In progress',
      '5Complete',
    ]);
    expect(steps[1]).toHaveAttribute('aria-current', 'step');
    expect(
      steps.filter(step => step.hasAttribute('aria-current')),
    ).toHaveLength(1);
  });

  it('marks no step without a status', async () => {
    await renderInTestApp(<LifecycleStepper />);

    const list = screen.getByRole('list', { name: 'Plan lifecycle' });
    expect(list.querySelector('[aria-current]')).toBeNull();
    expect(within(list).queryByText('Current step')).toBeNull();
    expect(within(list).queryByText('Done')).toBeNull();
  });
});
