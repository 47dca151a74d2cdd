import { z } from "zod";
import type { NetworkStatRecord, RetargetRecord } from "../../validation/network";
import type { BestEstimateSource } from "../best-estimate";

// What PostgreSQL gives back to the writes, parsed rather than cast. pg reads int4 and float8 as numbers
// and int8 — count(*), sum() of integers — as strings (a bigint need not fit a double), parsed here.

/** An int8 as pg gives it: decimal digits. */
export const pgBigint = z
  .string()
  .regex(/^-?\d+$/, "is not an integer")
  .transform(Number)
  .refine(Number.isSafeInteger, "is beyond 2^53");

export const CountRow = z.object({ n: pgBigint });
export const IdRow = z.object({ id: z.number().int() });
export const DatasetHashRow = z.object({ id: z.number().int(), contentHash: z.string() });
export const DatasetKindRow = z.object({ kind: z.string(), origin: z.string() });
export const SlugRow = z.object({ slug: z.string() });
export const ShockIdRow = z.object({ id: z.number().int(), slug: z.string() });

export const BestEstimateSourceRow = z.object({
  slug: z.string(),
  coverage: z.string(),
  retrievedAt: z.string(),
  period: z.string(),
  countryIso2: z.string().nullable(),
  share: z.number(),
  hashrateEh: z.number().nullable(),
  sourceLabel: z.string().nullable(),
  certainty: z.string().nullable(),
  sourceUrl: z.string().nullable(),
  note: z.string().nullable(),
}) satisfies z.ZodType<BestEstimateSource>;

/** The rows of a result, each parsed: a row of another shape is a bug or a schema drift, reported as such. */
export function parseRows<T>(schema: z.ZodType<T>, rows: readonly unknown[]): T[] {
  return rows.map((row) => schema.parse(row));
}

/** The one row a statement gives (an INSERT … RETURNING of one row, a count). */
export function parseOne<T>(schema: z.ZodType<T>, rows: readonly unknown[]): T {
  if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}`);
  return schema.parse(rows[0]);
}

export const PeriodRow = z.object({ period: z.string() });
export const KnownRetargetRow = z.object({ height: z.number().int(), dateUtc: z.string(), difficulty: z.number() });
export const NetworkStatRow = z.object({
  period: z.string(),
  hashrateEh: z.number(),
  difficulty: z.number(),
  blockSubsidyBtc: z.number(),
  avgFeesBtc: z.number().nullable(),
  method: z.string().nullable(),
}) satisfies z.ZodType<NetworkStatRecord>;
export const RetargetRow = z.object({
  height: z.number().int(),
  dateUtc: z.string(),
  difficulty: z.number(),
  changePct: z.number(),
  epochHashrateEh: z.number().nullable(),
  epochDays: z.number().nullable(),
  dateSource: z.string(),
}) satisfies z.ZodType<RetargetRecord>;
