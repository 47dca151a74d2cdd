import "./jitless";
import { z } from "zod";

// The network's own figures: monthly hashrate and difficulty, and every difficulty retarget.

export const NetworkMonthSchema = z
  .object({
    period: z.string().describe("Month, YYYY-MM"),
    hashrateEh: z.number().describe("Mean network hashrate of the month, EH/s"),
    difficulty: z.number().describe("Time-weighted mean difficulty of the month"),
    source: z.string().describe("Slug of the dataset the month comes from (see /api/datasets): a seeded dataset where one has the month, else the oldest"),
  })
  .meta({ id: "NetworkMonth" });

export const RetargetSchema = z
  .object({
    height: z.number().int().describe("Block height of the retarget (a multiple of 2016)"),
    time: z.string().describe("Time of the retarget block, ISO 8601 UTC (e.g. 2021-07-03T06:34:06Z)"),
    difficulty: z.number().describe("Difficulty from this block on"),
    change: z.number().describe("New ÷ previous difficulty − 1, a fraction (−0.2794 for −27.94 %), rounded to 6 decimals"),
    source: z.string().describe("Slug of the dataset the retarget comes from"),
  })
  .meta({ id: "Retarget" });

export const NetworkResponse = z
  .object({
    months: z.array(NetworkMonthSchema).describe("Months in the range, oldest first, merged from every network dataset"),
    retargets: z.array(RetargetSchema).describe("Retargets whose UTC month is in the range, by height"),
  })
  .meta({ id: "Network" });

export type NetworkMonthAnswer = z.infer<typeof NetworkMonthSchema>;
export type RetargetAnswer = z.infer<typeof RetargetSchema>;
export type NetworkAnswer = z.infer<typeof NetworkResponse>;
