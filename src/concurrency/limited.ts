/** `fn` with at most `limit` calls in flight; the others wait their turn, in call order. */
export function limited<A extends unknown[], R>(fn: (...args: A) => Promise<R>, limit: number): (...args: A) => Promise<R> {
  let active = 0;
  const waiting: (() => void)[] = [];
  const acquire = (): Promise<void> => {
    if (active < limit) {
      active += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  // A freed slot passes straight to the next waiter, so no new call can slip in ahead of it.
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  };
  return async (...args) => {
    await acquire();
    try {
      return await fn(...args);
    } finally {
      release();
    }
  };
}
