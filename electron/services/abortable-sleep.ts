/** One timer that rejects with the signal's reason when aborted, and detaches its listener either way. */
function sleepOnce(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Waits at least `ms` by the wall clock (a timer alone may fire a millisecond early), or
 * rejects with the signal's reason as soon as it is aborted. Used for simulated delays
 * ([mock:delay], mock handler latency) so a cancel ends them at once.
 */
export async function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  const until = Date.now() + ms;
  for (let left = ms; left > 0; left = until - Date.now()) await sleepOnce(left, signal);
}
