// `chkpt run` and the script are two processes where plain node is one. When
// `chkpt run` dies without passing anything on (SIGKILL, say, from a job
// control tool or a test's timeout), the script must not run on as an orphan
// nobody waits for: with plain node nothing would be left running. The
// capture worker watches for its process's parent changing.

/** How often the parent is looked at; the check is one system call. */
const EVERY_MS = 500;

/**
 * Calls `onGone` once `owner`, the pid of the `chkpt run` that started this
 * process, is no longer its parent. Does nothing when it never was (a child
 * process of the script, or a preload started by hand). `parentAtStart`: the
 * parent when the process started (it may be gone by the time this watch
 * begins: the script does not wait for the worker).
 */
export function watchOwner(owner: number | undefined, parentAtStart: number, onGone: () => void): void {
  if (owner === undefined || owner !== parentAtStart) return;
  if (process.ppid !== owner) {
    onGone();
    return;
  }
  const timer = setInterval(() => {
    if (process.ppid === owner) return;
    clearInterval(timer);
    onGone();
  }, EVERY_MS);
  timer.unref();
}
