import { z } from "zod";
import { periodSchema } from "./cells";

const itemId = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9]{1,15}$/, "must be an ISO alpha-2 code (e.g. CN) or a bloc id (e.g. EAEU)")
  .describe("ISO 3166-1 alpha-2 country code or bloc id (EU, EAEU, GCC, USMCA, BRICS)");

export const ShutdownItemSchema = z.union([
  itemId,
  z
    .object({
      id: itemId,
      fraction: z.number().min(0, "must be ≥ 0").max(1, "must be ≤ 1").default(1).describe("Share of the jurisdiction's hashrate that goes dark (default 1)"),
    })
    .strict(),
]);

export const MigrationSchema = z
  .object({
    fraction: z.number().min(0, "must be ≥ 0").max(1, "must be ≤ 1").describe("Share of the lost hashrate that comes back elsewhere"),
    days: z.number().int().min(0).max(3650).default(30).describe("Days over which it comes back (linear)"),
    delayDays: z.number().int().min(0).max(3650).default(0).describe("Days before it starts to come back"),
    weighting: z.enum(["proportional", "cheap-power"]).default("proportional").describe("proportional to survivors' shares, or to share ÷ power price"),
    destinations: z
      .array(z.string().regex(/^[A-Za-z]{2}$/, "must be an ISO alpha-2 code"))
      .min(1)
      .max(300)
      .optional()
      .describe("Only these countries receive migrating hashrate"),
  })
  .strict()
  .meta({ id: "Migration" });

export const SimulateBody = z
  .object({
    period: periodSchema.describe("Month (YYYY-MM) whose distribution is shut down"),
    dataset: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,63}$/, "must be a dataset slug")
      .default("cbeci-monthly")
      .describe("Shares dataset"),
    shutdown: z.array(ShutdownItemSchema).min(1, "must name at least one country or bloc").max(300, "may name at most 300 items").describe("What goes dark"),
    blocksIntoEpoch: z.number().int().min(0).max(2015).default(0).describe("Blocks of the current epoch mined when the shock hits"),
    migration: MigrationSchema.optional(),
    horizonDays: z.number().int().min(1).max(3650).default(180).describe("Days to simulate (max 3650)"),
    efficiency: z.number().min(1).max(200).default(28.2).describe("Fleet efficiency in J/TH, for energy per bitcoin before and after"),
  })
  .strict()
  .meta({ id: "SimulateRequest" });

export type SimulateBodyInput = z.infer<typeof SimulateBody>;
