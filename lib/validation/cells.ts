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
  if (text.trim() === "") return "is empty; a number is required";
  if (/^\s*[+-]?\d+,\d+\s*$/.test(text)) return `"${text}" uses a decimal comma; write it with a dot (${text.trim().replace(",", ".")})`;
  if (/^\s*[+-]?(nan|inf(inity)?)\s*$/i.test(text)) return `"${text}" is not a finite number`;
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

export const httpUrl = z
  .string()
  .trim()
  .refine((u) => /^https?:\/\/[^\s]+$/.test(u), "is not an http(s) URL");

// Years have four digits and no leading zero: year 0000 passed validation and then broke every
// metric of an imported dataset (the block subsidy of a month cannot be computed for it, a 500);
// found by tests/fuzz.

/** Month period used throughout HashAtlas. */
export const periodSchema = z
  .string()
  .regex(/^[1-9]\d{3}-(0[1-9]|1[0-2])$/, "must be a month as YYYY-MM")
  .describe("Month, YYYY-MM");

export const isoDateSchema = z.string().regex(/^[1-9]\d{3}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "must be a date as YYYY-MM-DD");
