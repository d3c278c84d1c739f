/** Raised when a piece of work outlives its time budget; callers translate it into their own error. */
export class TimeBudgetExceededError extends Error {
  constructor(readonly budgetMs: number) {
    super(`time budget of ${budgetMs} ms exceeded`);
    this.name = 'TimeBudgetExceededError';
  }
}

/**
 * One deadline shared by every step of a job. Racing each await against it bounds work that yields
 * (pdf.js parses in ~20 ms time slots), so a hostile file cannot stall an import; work that never
 * yields cannot be pre-empted in-process and would need a worker thread.
 */
export class TimeBudget {
  readonly #expired: Promise<never>;
  readonly #deadline: number;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly budgetMs: number) {
    this.#deadline = performance.now() + budgetMs;
    this.#expired = new Promise<never>((_resolve, reject) => {
      this.#timer = setTimeout(() => reject(new TimeBudgetExceededError(budgetMs)), budgetMs);
    });
    // Expiry is reported through race(); an expiry nobody is awaiting must not become an unhandled rejection.
    this.#expired.catch(() => undefined);
  }

  /** Resolves as `work` does, or rejects with TimeBudgetExceededError once the budget is spent. */
  race<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.#expired]);
  }

  /** Throws TimeBudgetExceededError once the budget is spent: the check for synchronous work between steps. */
  throwIfSpent(): void {
    if (performance.now() >= this.#deadline) throw new TimeBudgetExceededError(this.budgetMs);
  }

  /** Stops the clock; call it in `finally` so a finished job leaves no timer keeping the process alive. */
  dispose(): void {
    clearTimeout(this.#timer);
  }
}
