/**
 * Work that must not overlap with itself, such as reading a folder again after each change in it.
 */

/**
 * `work` behind a guard: at most one run at a time, and every call made during a run is answered by one more
 * run that starts when that run has ended. The last run therefore starts after the last call, so it sees every
 * change that caused a call; an earlier run that read the folder sooner can never finish after it and undo it.
 * A failed run does not stop the next one; each call's promise settles with the run that answers it.
 */
export function oneAtATime(work: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let next: Promise<void> | undefined;
  const start = (): Promise<void> => {
    const run = work().finally(() => {
      if (running === run) running = undefined;
    });
    running = run;
    return run;
  };
  return () => {
    if (!running) return start();
    next ??= running
      .catch(() => undefined)
      .then(() => {
        next = undefined;
        return start();
      });
    return next;
  };
}
