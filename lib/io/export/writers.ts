import type { Column } from "./columns";
import { csvHeader, csvRows, jsonRows, type Row } from "./csv";
import type { Metadata } from "./metadata";

// An export file written a part at a time, so that it never has to be whole in memory: its opening,
// the text of each batch of rows as they come, and its end. Joined, the parts are byte for byte the
// file written whole: toCsv, or JSON.stringify({ metadata, rows }, null, 2) and a newline.

export type FileWriter = {
  head: () => string;
  rows: (rows: readonly Row[]) => string;
  tail: () => string;
};

export function csvWriter(columns: readonly Column[]): FileWriter {
  return { head: () => csvHeader(columns), rows: (rows) => csvRows(columns, rows), tail: () => "" };
}

/** JSON.stringify(value, null, 2) as it is written at `depth` levels inside an object or array. */
const nested = (value: unknown, depth: number) => JSON.stringify(value, null, 2).replace(/\n/g, `\n${"  ".repeat(depth)}`);

/** `{ "metadata": …, "rows": [ … ] }`, laid out as JSON.stringify with an indent of 2 lays it out. */
export function jsonWriter(columns: readonly Column[], metadata: Metadata): FileWriter {
  let written = 0;
  return {
    head: () => `{\n  "metadata": ${nested(metadata, 1)},\n  "rows": [`,
    rows: (rows) => jsonRows(columns, rows).reduce((text, row) => `${text}${written++ === 0 ? "" : ","}\n    ${nested(row, 2)}`, ""),
    tail: () => (written === 0 ? "]\n}\n" : "\n  ]\n}\n"),
  };
}

/** The metadata on its own (metadata=1): one part, no rows. */
export function metadataWriter(metadata: Metadata): FileWriter {
  return {
    head: () => `${JSON.stringify(metadata, null, 2)}\n`,
    rows: () => {
      throw new RangeError("a metadata file holds no rows");
    },
    tail: () => "",
  };
}
