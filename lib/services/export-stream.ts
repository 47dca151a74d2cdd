import type { FileWriter, Row } from "../io/export";
import { log } from "../log";
import { giveWay, mapGivingWay, YIELD_EVERY_MS } from "../give-way";

// An export file as a byte stream that the reader pulls: rows are produced (a month at a time) and
// written (a batch at a time) only when the reader asks for more, so the file is never whole in
// memory, a slow reader slows production down (backpressure) and a reader that goes away stops it.
// Production runs on the server's one JavaScript thread: it gives way to other requests every few
// milliseconds.

/** Rows written per chunk of the stream: tens of kilobytes, a few milliseconds of work. */
export const ROWS_PER_CHUNK = 256;
export { mapGivingWay, YIELD_EVERY_MS } from "../give-way";

/** The rows of an export: how many there are (known without producing them) and the rows part by part. */
export type RowSource = {
  /** For the metadata, which states the count before the first row. */
  count: () => Promise<number>;
  /** Produced lazily: each part (e.g. a month's rows) only when the stream reaches it (read from the database meanwhile: async). */
  parts: () => Iterable<readonly Row[]> | AsyncIterable<readonly Row[]>;
};

/** Rows that are already in memory (one part). */
export function rowsInMemory(rows: readonly Row[]): RowSource {
  return { count: () => Promise.resolve(rows.length), parts: () => [rows] };
}

/** One part per item (e.g. per month): `count` and `rows` of an item. */
export function rowsPerItem<T>(items: readonly T[], count: (item: T) => number, rows: (item: T) => readonly Row[]): RowSource {
  return {
    count: async () => (await mapGivingWay(items, count)).reduce((a, b) => a + b, 0),
    parts: function* () {
      for (const item of items) yield rows(item);
    },
  };
}

/** No rows at all (a metadata file). */
export const NO_ROWS: RowSource = rowsInMemory([]);

/** How a stream ended: written in full, cancelled by its reader, or failed after its first byte. */
export type StreamEnd = "written" | "cancelled" | "failed";
export type StreamOutcome = { export: string; rows: number; bytes: number; ms: number };
export type StreamReport = (end: StreamEnd, outcome: StreamOutcome, error?: unknown) => void;

/** The server's report: one log line per file, at error level only when a download was cut off. */
export const logStreamEnd: StreamReport = (end, outcome, error) => {
  if (end === "written") log().info(outcome, "export written");
  else if (end === "cancelled") log().info(outcome, "export cancelled: the client went away");
  else {
    const err = error instanceof Error ? { message: error.message, stack: error.stack } : String(error);
    log().error({ ...outcome, err }, "export failed after its first byte: the download is cut off");
  }
};

/** A part source as one async iterator. */
async function* partsOf(source: RowSource): AsyncGenerator<readonly Row[]> {
  yield* source.parts();
}

/**
 * The file `writer` writes from `source`, as a pull-based stream. The first part is produced before
 * this resolves, so that what fails on it still fails the request (with its status) before any byte
 * is sent. A later failure cannot change the status any more: it errors the stream, which cuts the
 * download off (a truncated file never ends like a complete one) and is reported. `rows` is the
 * count the file has already stated (JSON metadata): a file that comes out with another count fails
 * the same way rather than end as if whole.
 */
export async function streamFile(
  name: string,
  writer: FileWriter,
  source: RowSource,
  options: { report?: StreamReport; rows?: number } = {},
): Promise<ReadableStream<Uint8Array>> {
  const report = options.report ?? logStreamEnd;
  const parts = partsOf(source);
  const encoder = new TextEncoder();
  const started = performance.now();
  let part: readonly Row[] = [];
  let offset = 0;
  let exhausted = false;
  let head: string | null = writer.head();
  let rows = 0;
  let bytes = 0;
  let gaveWayAt = started;
  let over = false;
  const outcome = (): StreamOutcome => ({ export: name, rows, bytes, ms: Math.round(performance.now() - started) });

  const nextPart = async () => {
    // The part written is let go before the next is made: held while a month's rows are computed, its
    // rows were alive at nearly every young collection, and the engine moved them all to its old heap.
    part = [];
    const next = await parts.next();
    if (next.done) exhausted = true;
    else [part, offset] = [next.value, 0];
  };
  /** Up to ROWS_PER_CHUNK rows, fewer when the time to give way has come. */
  const nextBatch = async (): Promise<Row[]> => {
    const batch: Row[] = [];
    while (batch.length < ROWS_PER_CHUNK && !exhausted) {
      if (offset < part.length) {
        const taken = part.slice(offset, offset + ROWS_PER_CHUNK - batch.length);
        batch.push(...taken);
        offset += taken.length;
      } else if (batch.length > 0 && performance.now() - gaveWayAt >= YIELD_EVERY_MS) break;
      else await nextPart();
    }
    return batch;
  };

  await nextPart();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (performance.now() - gaveWayAt >= YIELD_EVERY_MS) {
            await giveWay();
            gaveWayAt = performance.now();
            if (over) return;
          }
          const batch = await nextBatch();
          // Cancelled while the rows were read: nobody takes them any more.
          if (over) return;
          rows += batch.length;
          if (exhausted && options.rows !== undefined && rows !== options.rows) {
            throw new Error(`${name}: ${rows} rows written, but the file states ${options.rows}`);
          }
          const text = (head ?? "") + (batch.length > 0 ? writer.rows(batch) : "") + (exhausted ? writer.tail() : "");
          head = null;
          const chunk = encoder.encode(text);
          bytes += chunk.byteLength;
          if (chunk.byteLength > 0) controller.enqueue(chunk);
          if (exhausted) {
            over = true;
            controller.close();
            report("written", outcome());
          }
        } catch (error) {
          over = true;
          report("failed", outcome(), error);
          controller.error(error);
        }
      },
      cancel() {
        if (over) return;
        over = true;
        parts.return(undefined).catch(() => undefined);
        report("cancelled", outcome());
      },
    },
    { highWaterMark: 1 },
  );
}
