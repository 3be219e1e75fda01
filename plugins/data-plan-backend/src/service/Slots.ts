/**
 * At most `count` tasks at once, each holding its slot until it gives it back, which it
 * may do before it ends (a refresh waiting for its batched write no longer needs one).
 */
export class Slots {
  #free: number;
  readonly #waiting: Array<() => void> = [];

  constructor(count: number) {
    this.#free = Math.max(1, Math.floor(count));
  }

  /** Waits for a slot; the function it gives back frees it (once, however often called). */
  async take(): Promise<() => void> {
    if (this.#free > 0) this.#free--;
    else await new Promise<void>(resolve => this.#waiting.push(resolve));
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free++;
    };
  }
}
