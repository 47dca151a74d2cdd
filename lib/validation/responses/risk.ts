import "./jitless";
import { z } from "zod";
import { ageFields, nullableNumber, PeriodSourceSchema, share } from "./fields";

// The answer of POST /api/risk (docs/methodology.md#jurisdiction-risk): the distribution of the
// hashrate lost within the horizon when each event happens with its probability.

// Generic, so the quantiles keep their type (a plain z.ZodType parameter would type them unknown).
const quantiles = <T extends z.ZodType>(what: T) => z.object({ p50: what, p90: what, p95: what, p99: what });

export const RiskResponse = z
  .object({
    period: z.string(),
    dataset: z.string(),
    ...ageFields,
    source: PeriodSourceSchema,
    horizonDays: z.number().int(),
    blocksIntoEpoch: z.number().int(),
    events: z
      .array(
        z.object({
          id: z.string(),
          kind: z.enum(["country", "bloc"]),
          name: z.string(),
          members: z.array(z.string()).describe("The countries it takes offline"),
          probability: share,
          fraction: share,
          isDefault: z.boolean().describe("The probability is the heuristic default, not one the request set"),
        }),
      )
      .describe("The events used, as resolved"),
    method: z.enum(["exact", "monte-carlo"]).describe("exact: every outcome enumerated; monte-carlo: seeded sampling"),
    draws: z.number().int().nullable(),
    seed: z.number().int().nullable(),
    expectedLostShare: share.describe("Σ s_c · E[offline fraction of c], exact in either method"),
    lostShareQuantiles: quantiles(share).describe("The smallest loss L with P(loss ≤ L) ≥ q"),
    probabilityLossAbove: z.object({ "0.1": share, "0.2": share, "0.3": share, "0.5": share }).describe("P(loss > x)"),
    probabilityMajority: share.describe("P(one country holds more than half of the remaining hashrate)"),
    probabilityHalted: share.describe("P(loss = 1): no blocks until hashrate returns"),
    difficultyChange: z
      .object({ expected: nullableNumber, ...quantiles(nullableNumber).shape })
      .describe("The next retarget's change (fraction) at the expected loss (over outcomes that do not halt) and at each loss quantile; null if halted"),
    blockIntervalMinutes: z
      .object({ expected: nullableNumber, ...quantiles(nullableNumber).shape })
      .describe("The block interval until the next retarget, likewise; null if halted"),
    expectedHhiAfter: nullableNumber.describe("E[HHI of the survivors] over outcomes that do not halt"),
    standardErrors: z
      .object({ lostShareQuantiles: quantiles(z.number()), probabilityLossAbove: z.record(z.string(), z.number()), probabilityMajority: z.number() })
      .nullable()
      .describe("Monte Carlo standard errors of the sampled figures; null when exact"),
    histogram: z
      .object({ binWidth: z.number(), probabilities: z.array(share) })
      .describe("P(loss in [i·w, (i+1)·w)), the last bin closed at 1: the chart's bars"),
    contributions: z.object({
      events: z.array(z.object({ id: z.string(), expectedLostShare: share })).describe("Each event's part of expectedLostShare; they add up to it"),
      countries: z.array(z.object({ iso2: z.string(), expectedLostShare: share })).describe("Each country's part; they add up to it"),
    }),
  })
  .meta({ id: "RiskResult" });

export type RiskResult = z.infer<typeof RiskResponse>;
