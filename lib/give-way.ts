// The server answers every request on one JavaScript thread (SQLite reads included), so
// long work — a whole-dataset read, an export — is done in steps that give the thread back every
// few milliseconds: other requests are answered in between instead of waiting for the end.

/** The longest a long computation keeps the thread before other requests get a turn. */
export const YIELD_EVERY_MS = 8;

/** Let whatever is waiting (other requests' I/O, timers) run before going on. */
export const giveWay = () => new Promise<void>((resolve) => setImmediate(resolve));

/** For a loop of uneven steps: `await pace()` after each step gives way once YIELD_EVERY_MS have passed since it last did. */
export function pacer(): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < YIELD_EVERY_MS) return;
    await giveWay();
    since = performance.now();
  };
}

/** `items.map(fn)`, giving way every few milliseconds; the items may come one by one (an async iterable). */
export async function mapGivingWay<T, U>(items: Iterable<T> | AsyncIterable<T>, fn: (item: T) => U): Promise<U[]> {
  const out: U[] = [];
  const pace = pacer();
  for await (const item of items) {
    out.push(fn(item));
    await pace();
  }
  return out;
}
