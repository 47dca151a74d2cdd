import { z } from "zod";

// Building blocks for validating text cells from CSV files. Empty cells are never read as 0.

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
  // "1,234" may be a thousands separator as well as a decimal comma: say both rather than guess.
  if (/^[+-]?\d{1,3},\d{3}$/.test(t)) {
    return `"${text}" has a comma: write a number without thousands separators (${t.replace(",", "")}) or with a decimal dot (${t.replace(",", ".")})`;
  }
  if (/^[+-]?\d{1,3}(,\d{3}){2,}$/.test(t)) return `"${text}" uses thousands separators; write it without them (${t.replace(/,/g, "")})`;
  if (/^[+-]?\d+,\d+$/.test(t)) return `"${text}" uses a decimal comma; write it with a dot (${t.replace(",", ".")})`;
  // 1e400 has the form of a number but overflows to Infinity.
  if (/^[+-]?(nan|inf(inity)?)$/i.test(t) || DECIMAL.test(t)) return `"${text}" is not a finite number`;
  return `"${text}" is not a number`;
}

/** A required finite decimal number written as text. */
export const decimalCell = z.string().transform((text, ctx) => {
  const n = parseDecimal(text);
  if (n === undefined) {
    ctx.addIssue({ code: "custom", message: notANumber(text) });
    return z.NEVER;
  }
  return n;
});

/** An optional finite decimal number: an empty cell is null, anything else must parse. */
export const optionalDecimalCell = z.string().transform((text, ctx) => {
  if (text.trim() === "") return null;
  const n = parseDecimal(text);
  if (n === undefined) {
    ctx.addIssue({ code: "custom", message: notANumber(text) });
    return z.NEVER;
  }
  return n;
});

/** "75.53%" → 0.7553. The percent sign is required so that fractions and percents cannot be mixed up. */
export const percentCell = z.string().transform((text, ctx) => {
  const m = /^\s*(.+?)\s*%\s*$/.exec(text);
  const n = m?.[1] === undefined ? undefined : parseDecimal(m[1]);
  if (n === undefined) {
    ctx.addIssue({ code: "custom", message: `"${text}" is not a percentage such as 12.5%` });
    return z.NEVER;
  }
  if (n < 0 || n > 100) {
    ctx.addIssue({ code: "custom", message: `${n}% is outside 0–100 %` });
    return z.NEVER;
  }
  return Number((n / 100).toFixed(12));
});

export const nonEmptyText = z.string().trim().min(1, "is empty");

export const optionalText = z
  .string()
  .trim()
  .transform((t) => (t === "" ? null : t));

export function isHttpUrl(text: string): boolean {
  return /^https?:\/\/[^\s]+$/.test(text);
}

export const httpUrl = z.string().trim().refine(isHttpUrl, "is not an http(s) URL");

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
