import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { type ColumnType, memberNames, type RowTable } from "../row-tables";
import { copyStatement } from "./sql";

// Rows into a table by COPY … FROM STDIN in PostgreSQL's binary format: the server stores each value as
// sent — no SQL to plan, no text or array to parse — and fills pages several rows at a time. The rows
// are encoded into chunks as the stream asks for them, so the server works on one chunk while the next
// is being encoded, and memory holds a few chunks, never the whole table. It runs inside the caller's
// transaction: a failure anywhere (a constraint, an encoding error, the connection) aborts it whole.
//
// Binary rather than text: a float8 travels as its 8 bytes, so the stored number is the one JavaScript
// had, bit for bit, with nothing to escape or round. (The format: PostgreSQL's documentation of COPY,
// "Binary Format" — a signature and two int32 header fields, then per row an int16 field count and per
// field an int32 length, -1 for NULL, and the value in the type's send format; an int16 -1 ends it.)

/** Bytes per chunk handed to the stream: large enough that per-chunk costs vanish, small enough to stay a buffer or two. */
export const COPY_CHUNK_BYTES = 1 << 20;

const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
const NULL_LENGTH = -1;
const TRAILER = -1;
const INT4_MIN = -(2 ** 31);
const INT4_MAX = 2 ** 31 - 1;

/** A growing run of chunks: `room(n)` makes sure the next n bytes fit in the current chunk. */
class ChunkWriter {
  buf = Buffer.allocUnsafe(COPY_CHUNK_BYTES);
  at = 0;
  private readonly done: Buffer[] = [];

  room(bytes: number): void {
    if (this.at + bytes <= this.buf.length) return;
    if (this.at > 0) this.done.push(this.buf.subarray(0, this.at));
    this.buf = Buffer.allocUnsafe(Math.max(COPY_CHUNK_BYTES, bytes));
    this.at = 0;
  }

  int16(value: number): void {
    this.room(2);
    this.at = this.buf.writeInt16BE(value, this.at);
  }

  int32(value: number): void {
    this.room(4);
    this.at = this.buf.writeInt32BE(value, this.at);
  }

  /** Whether a chunk is full and waiting to be taken. */
  get filled(): boolean {
    return this.done.length > 0;
  }

  /** The chunks filled so far, handed over. */
  take(): Buffer[] {
    return this.done.splice(0);
  }

  /** Everything written, the last chunk included. */
  finish(): Buffer[] {
    if (this.at > 0) this.done.push(this.buf.subarray(0, this.at));
    this.at = 0;
    return this.take();
  }

  text(value: string): void {
    // Short ASCII strings (codes, months, URLs) byte by byte: cheaper than a call into Buffer.write for each.
    const n = value.length;
    this.room(4 + n);
    let at = this.at + 4;
    let i = 0;
    for (; i < n; i++) {
      const c = value.charCodeAt(i);
      if (c >= 0x80) break;
      this.buf[at++] = c;
    }
    if (i < n) {
      // Anything else as UTF-8, as pg would send the same string (a lone surrogate becomes U+FFFD alike).
      const bytes = Buffer.byteLength(value, "utf8");
      this.room(4 + bytes);
      this.at = this.buf.writeInt32BE(bytes, this.at);
      this.at += this.buf.write(value, this.at, "utf8");
      return;
    }
    this.buf.writeInt32BE(n, this.at);
    this.at = at;
  }

  float8(value: number): void {
    this.room(12);
    this.at = this.buf.writeInt32BE(8, this.at);
    // -0 stored as 0, as SQLite stores it (and as text would have sent it): the backends hold the same numbers.
    this.at = this.buf.writeDoubleBE(value === 0 ? 0 : value, this.at);
  }

  int4(value: number, column: string): void {
    // Buffer.writeInt32BE would silently drop a fraction; the text path would have been refused by the server.
    if (!Number.isInteger(value) || value < INT4_MIN || value > INT4_MAX) throw new TypeError(`${column}: ${value} is not a 32-bit integer`);
    this.room(8);
    this.at = this.buf.writeInt32BE(4, this.at);
    this.at = this.buf.writeInt32BE(value, this.at);
  }
}

function writeValue(out: ChunkWriter, type: ColumnType, value: unknown, column: string): void {
  if (value === null || value === undefined) out.int32(NULL_LENGTH);
  else if (type === "text" && typeof value === "string") out.text(value);
  else if (type === "float8" && typeof value === "number") out.float8(value);
  else if (type === "int4" && typeof value === "number") out.int4(value, column);
  else throw new TypeError(`${column}: a ${typeof value} where the column holds ${type}`);
}

/** `rows` of `t` in COPY's binary format, the parent id first in each row, as chunks of about COPY_CHUNK_BYTES. */
export function* binaryCopyChunks<R>(t: RowTable<R>, rows: Iterable<R>, parentId?: number): Generator<Buffer> {
  const columns = memberNames(t).map((name) => ({ name, type: t.columns[name] }));
  const fields = columns.length + (t.parent ? 1 : 0);
  const out = new ChunkWriter();
  out.room(SIGNATURE.length);
  out.at += SIGNATURE.copy(out.buf, out.at);
  out.int32(0); // flags: no OIDs
  out.int32(0); // header extension length
  for (const row of rows) {
    out.int16(fields);
    if (t.parent) out.int4(parentId ?? NaN, t.parent);
    for (const { name, type } of columns) writeValue(out, type, row[name], name);
    if (out.filled) yield* out.take();
  }
  out.int16(TRAILER);
  yield* out.finish();
}

/** Write `rows` into `t` (with `parentId` as its parent column) by one binary COPY; nothing to do for no rows. */
export async function copyRows<R>(client: pg.ClientBase, t: RowTable<R>, rows: readonly R[] | undefined, parentId?: number): Promise<void> {
  if (!rows?.length) return;
  // Bytes, not objects: the source reads ahead about one chunk while the server works on the one before.
  const source = Readable.from(binaryCopyChunks(t, rows, parentId), { objectMode: false, highWaterMark: COPY_CHUNK_BYTES });
  await pipeline(source, client.query(copyFrom(copyStatement(t))));
}
