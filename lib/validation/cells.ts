import { z } from "zod";
import { inRange, MAX_QUOTED_CHARS, MAX_TEXT_CHARS, MAX_URL_CHARS, type Range, rangeProblem, SHARE_PERCENT } from "./limits";

// Building blocks for validating text cells from CSV files. Empty cells are never read as 0. Every
// cell's length is checked first, and nothing else runs on a cell that is too long: the other
// checks (regular expressions, country look-ups) are then bounded in time, and no message repeats
// megabytes of a bad cell.

/**
 * A cell as an error message quotes it: whole up to MAX_QUOTED_CHARS characters, else its start and
 * its length. The one quotation rule of every message about a cell or a value of the input.
 */
export function quoted(text: string): string {
  return text.length <= MAX_QUOTED_CHARS ? `"${text}"` : `"${head(text)}…" (${text.length} characters)`;
}

/** The same rule without the quotation marks, for what is shown as it is (JSON, a list of columns). */
export function clipped(text: string): string {
  return text.length <= MAX_QUOTED_CHARS ? text : `${head(text)}… (${text.length} characters)`;
}

function head(text: string): string {
  // Never end on the first half of a surrogate pair.
  return text.slice(0, /[\uD800-\uDBFF]/.test(text.charAt(MAX_QUOTED_CHARS - 1)) ? MAX_QUOTED_CHARS - 1 : MAX_QUOTED_CHARS);
}

/** A text cell of at most `max` characters; a longer one gets only this message. */
export function cellText(max: number = MAX_TEXT_CHARS) {
  return z.string().max(max, {
    abort: true,
    error: (issue) => `is ${typeof issue.input === "string" ? issue.input.length : "too many"} characters long; a cell holds at most ${max}`,
  });
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function parseDecimal(text: string): number | undefined {
  const t = text.trim();
  if (!DECIMAL.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

function notANumber(text: string): string {
  const t = text.trim();
  if (t === "") return "is empty; a number is required";
  // The hints repeat the number as it should be written: only for a number of a readable length.
  if (t.length <= MAX_QUOTED_CHARS) {
    // "1,234" may be a thousands separator as well as a decimal comma: say both rather than guess.
    if (/^[+-]?\d{1,3},\d{3}$/.test(t)) {
      return `${quoted(text)} has a comma: write a number without thousands separators (${t.replace(",", "")}) or with a decimal dot (${t.replace(",", ".")})`;
    }
    if (/^[+-]?\d{1,3}(,\d{3}){2,}$/.test(t)) return `${quoted(text)} uses thousands separators; write it without them (${t.replace(/,/g, "")})`;
    if (/^[+-]?\d+,\d+$/.test(t)) return `${quoted(text)} uses a decimal comma; write it with a dot (${t.replace(",", ".")})`;
  }
  // 1e400 has the form of a number but overflows to Infinity.
  if (/^[+-]?(nan|inf(inity)?)$/i.test(t) || DECIMAL.test(t)) return `${quoted(text)} is not a finite number`;
  return `${quoted(text)} is not a number`;
}

/** A required finite decimal number written as text. */
export const decimalCell = cellText().transform((text, ctx) => {
  const n = parseDecimal(text);
  if (n === undefined) {
    ctx.addIssue({ code: "custom", message: notANumber(text) });
    return z.NEVER;
  }
  return n;
});

/** An optional finite decimal number: an empty cell is null, anything else must parse. */
export const optionalDecimalCell = cellText().transform((text, ctx) => {
  if (text.trim() === "") return null;
  const n = parseDecimal(text);
  if (n === undefined) {
    ctx.addIssue({ code: "custom", message: notANumber(text) });
    return z.NEVER;
  }
  return n;
});

/** A required number within `range`. */
export function boundedDecimalCell(range: Range) {
  return decimalCell.superRefine((n, ctx) => {
    const problem = rangeProblem(n, range);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}

/** An optional number within `range`: an empty cell is null. */
export function optionalBoundedDecimalCell(range: Range) {
  return optionalDecimalCell.superRefine((n, ctx) => {
    const problem = n === null ? null : rangeProblem(n, range);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}

/** A share: "75.53%" → 0.7553. The percent sign is required so that fractions and percents cannot be mixed up. */
export const percentCell = cellText().transform((text, ctx) => {
  const m = /^\s*(.+?)\s*%\s*$/.exec(text);
  const n = m?.[1] === undefined ? undefined : parseDecimal(m[1]);
  if (n === undefined) {
    ctx.addIssue({ code: "custom", message: `${quoted(text)} is not a percentage such as 12.5%` });
    return z.NEVER;
  }
  if (!inRange(n, SHARE_PERCENT)) {
    ctx.addIssue({ code: "custom", message: `${n}% is outside ${SHARE_PERCENT.min}–${SHARE_PERCENT.max} %` });
    return z.NEVER;
  }
  return Number((n / 100).toFixed(12));
});

export const nonEmptyText = cellText().trim().min(1, "is empty");

export const optionalText = cellText()
  .trim()
  .transform((t) => (t === "" ? null : t));

export function isHttpUrl(text: string): boolean {
  return /^https?:\/\/[^\s]+$/.test(text);
}

export const httpUrl = cellText(MAX_URL_CHARS).trim().refine(isHttpUrl, "is not an http(s) URL");

// Years have four digits and no leading zero: year 0000 passed validation and then broke every
// metric of an imported dataset (the block subsidy of a month cannot be computed for it, a 500);
// found by tests/fuzz.

/** Month period used throughout HashAtlas. */
export const periodSchema = z
  .string()
  .regex(/^[1-9]\d{3}-(0[1-9]|1[0-2])$/, "must be a month as YYYY-MM")
  .describe("Month, YYYY-MM");

/** True for a day that exists: 2024-02-29 does, 2023-02-29 and 2024-04-31 have the form of a date but do not. */
export function isCalendarDate(text: string): boolean {
  const time = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === text;
}

// Both checks abort: a cell that is not a date gets one message, not one per later refinement.
export const isoDateSchema = z
  .string()
  .regex(/^[1-9]\d{3}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: "must be a date as YYYY-MM-DD", abort: true })
  .refine(isCalendarDate, { error: (issue) => `${String(issue.input)} is not a day of the calendar`, abort: true });
