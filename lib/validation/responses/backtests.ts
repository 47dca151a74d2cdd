import "./jitless";
import { z } from "zod";
import { share } from "./fields";

// The answer of GET /api/backtests (docs/methodology.md#backtests): the simulator run on each
// recorded shock, beside the fall in network hashrate the sources measured.

const drop = share.describe("A fall in network hashrate, as a fraction of the hashrate before");

export const DropSchema = z
  .union([
    drop,
    z
      .object({
        low: drop.describe("The smallest fall the sources measured"),
        high: drop.describe("The largest fall the sources measured"),
      })
      .describe("The range the sources span when they disagree"),
  ])
  .meta({ id: "ObservedDrop" });

const BacktestScenarioSchema = z
  .object({
    dataset: z.string().describe("The shares dataset the scenario reads"),
    period: z.string().describe("The month of shares (YYYY-MM): the newest before the month the shock starts in"),
    periodBasis: z.string().describe("Why this month, and the dataset the month is taken from"),
    countries: z
      .array(
        z.object({
          iso2: z.string().describe("ISO 3166-1 alpha-2 code of an affected country (a US state counts as the US)"),
          name: z.string().describe("Country name"),
          share: share.describe("The country's share of network hashrate in that month"),
          fraction: share.describe("The fraction of the country's hashrate that went dark"),
        }),
      )
      .describe("The affected countries"),
    fractionBasis: z.string().describe("Where the fraction comes from: the sources' figures and the arithmetic"),
    outageDays: z.number().int().nullable().describe("Days until the lost hashrate comes back; null when it does not (a ban)"),
    windowBasis: z.string().describe("The shock's first and last day and where they are read from"),
    blocksIntoEpoch: z.number().int().describe("Blocks of the epoch mined when the shock struck (10 minutes each since the retarget before it)"),
    request: z
      .object({
        dataset: z.string().describe("Shares dataset"),
        period: z.string().describe("Month of shares"),
        shutdown: z
          .array(z.object({ id: z.string().describe("ISO alpha-2 code"), fraction: share.describe("Fraction that goes dark") }))
          .describe("What goes dark"),
        blocksIntoEpoch: z.number().int().describe("Blocks of the epoch already mined"),
        horizonDays: z.number().int().describe("Days simulated: long enough to reach as many retargets as are compared"),
        efficiency: z.number().describe("Fleet efficiency, J/TH"),
        migration: z
          .object({
            fraction: share.describe("1: all the lost hashrate comes back"),
            days: z.number().int().describe("0: all at once"),
            delayDays: z.number().int().describe("After the outage's days"),
            weighting: z.enum(["proportional"]).describe("Where it lands does not change the network's totals"),
          })
          .optional()
          .describe("The return after the outage, as the simulator's migration; absent for a ban"),
      })
      .describe("The POST /api/simulate body that runs this scenario"),
  })
  .describe("The simulator input that stands for the shock");

const DropFigureSchema = z.object({
  drop: share.nullable().describe("The fall as a fraction; null when the source gives an absolute change only"),
  how: z.enum(["change", "before-trough"]).describe("change: a reported fall in %; before-trough: 1 − trough / before, both readings from one page"),
  text: z.string().describe("The figure as the source gives it"),
  dateLabel: z.string().describe("The day or days it refers to"),
  measuredBy: z.string().describe("Who measured it (the source's certainty)"),
  sources: z.array(z.string()).describe("The page (or pages) it is read from"),
  leftOut: z.string().nullable().describe("Why it is not in the observed drop; null when it is"),
});

export const BacktestRowSchema = z
  .object({
    id: z.string().describe("The shock's id (its event id in the shock observations)"),
    name: z.string().describe("What happened"),
    date: z.string().describe("First day of the shock (YYYY-MM-DD)"),
    endDate: z.string().describe("Last day of the shock (YYYY-MM-DD)"),
    shockEvent: z.string().nullable().describe("Slug of the seeded shock event it stands for, if any (/api/shock-events)"),
    scenario: BacktestScenarioSchema,
    observedDrop: DropSchema.describe("The fall in network hashrate the sources measured: one figure, or the range when they disagree"),
    observedFigures: z.array(DropFigureSchema).describe("Every figure behind the observed drop, including those left out and why"),
    predictedDrop: share.describe("The simulator's lost share for the scenario"),
    error: z
      .object({
        signed: z.number().describe("predicted − observed; against a range, to its nearest end (0 inside it)"),
        absolute: z.number().min(0).describe("|signed|"),
      })
      .describe("How far the simulator is from what happened"),
    observedRetargets: z
      .array(
        z.object({
          height: z.number().int().describe("Block height of the retarget"),
          time: z.string().describe("ISO 8601, UTC"),
          change: z.number().describe("Difficulty change as a fraction (−0.2794 is −27.94 %)"),
          source: z.string().describe("The dataset it is read from"),
        }),
      )
      .describe("The real retargets from the shock to the first on or after its end, and the one after that"),
    predictedRetargets: z
      .array(
        z.object({
          day: z.number().describe("Days after the shock's first day (00:00 UTC)"),
          date: z.string().describe("YYYY-MM-DD"),
          change: z.number().describe("Difficulty change as a fraction"),
          blocksFromStart: z.number().int().describe("Blocks mined since the shock"),
        }),
      )
      .describe("The simulator's retargets, as many as are observed"),
    sources: z
      .array(z.object({ url: z.string().describe("Source URL"), measuredBy: z.string().describe("Who measured the figures read from it") }))
      .describe("Every page the row reads"),
    leftOut: z.array(z.string()).describe("What the model leaves out for this shock"),
  })
  .meta({ id: "Backtest" });

export const BacktestsResponse = z.object({
  rows: z.array(BacktestRowSchema).describe("One row per backtested shock, oldest first"),
  meanAbsoluteError: z.number().min(0).nullable().describe("Mean of |error| over the rows; null when there are none"),
  meanSignedError: z.number().nullable().describe("Mean of the signed errors: below 0, the simulator under-predicts the falls"),
  notBacktested: z
    .array(
      z.object({
        id: z.string().describe("Event id or shock-event slug"),
        name: z.string().describe("What happened"),
        date: z.string().describe("First day (YYYY-MM-DD)"),
        reason: z.string().describe("Why it is not backtested"),
      }),
    )
    .describe("Every other recorded shock, and why no scenario can stand for it"),
});

export type BacktestsAnswer = z.infer<typeof BacktestsResponse>;
