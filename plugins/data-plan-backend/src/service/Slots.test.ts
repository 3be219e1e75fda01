import { Slots } from './Slots';

describe('Slots', () => {
  it('runs at most its count at once, and a slot given back early lets the next one in', async () => {
    const slots = new Slots(2);
    const first = await slots.take();
    const second = await slots.take();
    let third: (() => void) | undefined;
    const waiting = slots.take().then(release => {
      third = release;
    });
    await Promise.resolve();
    expect(third).toBeUndefined();

    first();
    first(); // given back once only
    await waiting;
    expect(third).toBeDefined();
    let fourth = false;
    const last = slots.take().then(() => {
      fourth = true;
    });
    await Promise.resolve();
    expect(fourth).toBe(false);
    second();
    await last;
    expect(fourth).toBe(true);
  });
});
