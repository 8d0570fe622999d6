// Waiting at most so long: the capture worker never lets the script depend on
// an answer that may not come.

/** Resolves with `work`'s result, or with `fallback` after `ms`; the timer is cleared either way and never keeps the thread alive. */
export function within<T, F>(ms: number, work: Promise<T>, fallback: F): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<F>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
    timer.unref();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
