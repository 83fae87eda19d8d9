/** At most `limit` tasks run at once; the rest wait in arrival order (`--concurrency`). */
export class ConcurrencyLimiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // hand the slot straight to the next waiter so `active` never dips and lets a newcomer jump the queue
      if (next) next();
      else this.active--;
    }
  }
}
