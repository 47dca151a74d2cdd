import "../validation/zod-browser";
import { z } from "zod";
import { periodSchema } from "../validation/cells";
import { datasetSlugParam } from "../validation/dataset-slug";
import { DEFAULT_SHARES_DATASET } from "../scenario/limits";
import { firstProblem, NUMBER, textParam, wholeNumberParam } from "../scenario/schema";
import {
  DEFAULT_RISK_DRAWS,
  DEFAULT_RISK_HORIZON_DAYS,
  DEFAULT_RISK_SEED,
  MAX_RISK_BLOCKS_INTO_EPOCH,
  MAX_RISK_DRAWS,
  MAX_RISK_EVENTS,
  MAX_RISK_HORIZON_DAYS,
  MAX_RISK_SEED,
  MIN_RISK_DRAWS,
  RISK_PARAMS,
} from "./limits";

// The one grammar of a risk request (POST /api/risk body; the dashboard link and the export query
// read their text forms into the same shapes, by the same rules). docs/methodology.md#jurisdiction-risk.

const eventId = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9]{1,15}$/, "must be an ISO alpha-2 code (e.g. CN) or a bloc id (e.g. EAEU)")
  .describe("ISO 3166-1 alpha-2 country code or bloc id (EU, EAEU, GCC, USMCA, BRICS)");

export const RiskEventSchema = z
  .object({
    id: eventId,
    probability: z.number().min(0, "must be ≥ 0").max(1, "must be ≤ 1").describe("Chance the event happens within the horizon, 0–1"),
    fraction: z
      .number()
      .gt(0, "must be > 0")
      .max(1, "must be ≤ 1")
      .default(1)
      .describe("Share of the jurisdiction's hashrate it takes offline (default 1); a bloc event takes it from every member at once"),
  })
  .strict();

const horizonDays = z
  .number()
  .int("must be a whole number of days")
  .min(1, "must be at least 1 day")
  .max(MAX_RISK_HORIZON_DAYS, `must be at most ${MAX_RISK_HORIZON_DAYS} days`)
  .describe("The window the probabilities are for (default probabilities scale with it)");

const blocksIntoEpoch = z
  .number()
  .int("must be a whole number")
  .min(0, "must be ≥ 0")
  .max(MAX_RISK_BLOCKS_INTO_EPOCH, `must be at most ${MAX_RISK_BLOCKS_INTO_EPOCH}`)
  .describe("Blocks of the epoch mined when the events hit");

const draws = z
  .number()
  .int("must be a whole number")
  .min(MIN_RISK_DRAWS, `must be at least ${MIN_RISK_DRAWS}`)
  .max(MAX_RISK_DRAWS, `must be at most ${MAX_RISK_DRAWS}`)
  .describe("Monte Carlo draws, when there are too many uncertain events to enumerate");

const seed = z
  .number()
  .int("must be a whole number")
  .min(0, "must be ≥ 0")
  .max(MAX_RISK_SEED, `must be at most ${MAX_RISK_SEED}`)
  .describe("Seed of the Monte Carlo draws: the same request gives the same answer");

const events = z.array(RiskEventSchema).max(MAX_RISK_EVENTS, `at most ${MAX_RISK_EVENTS} events`);

export const RiskBody = z
  .object({
    period: periodSchema.optional().describe("Month of the shares (YYYY-MM); default: the dataset's newest"),
    dataset: datasetSlugParam.default(DEFAULT_SHARES_DATASET),
    events: events.describe(
      "Independent events; several hitting one country take 1 − Π(1 − fᵢ) of it offline. An empty list means every country with a share and every bloc at its default probability",
    ),
    horizonDays: horizonDays.default(DEFAULT_RISK_HORIZON_DAYS),
    blocksIntoEpoch: blocksIntoEpoch.default(0),
    draws: draws.default(DEFAULT_RISK_DRAWS),
    seed: seed.default(DEFAULT_RISK_SEED),
  })
  .strict()
  .meta({ id: "RiskRequest" });

export type RiskEvent = z.output<typeof RiskEventSchema>;
export type RiskRequest = z.output<typeof RiskBody>;

// ---- The text forms of a link or an export query (names: RISK_PARAMS), read into the body's
// shapes and checked by its rules: strictly for the export (a file must not describe another
// request than the one asked for), leniently for the dashboard link (a bad value falls back to its
// default, so an old or hand-edited link still opens).

const EVENT_TEXT = new RegExp(`^([A-Za-z][A-Za-z0-9]*):(${NUMBER})(?::(${NUMBER}))?$`);
export const RISK_EVENTS_SYNTAX =
  "a comma-separated list of id:probability or id:probability:fraction (id an ISO alpha-2 code or a bloc id), e.g. CN:0.1,EAEU:0.02:0.5";

/** "CN:0.1,EAEU:0.02:0.5" → [{ id: "CN", probability: 0.1, fraction: 1 }, { id: "EAEU", probability: 0.02, fraction: 0.5 }]; "" → [] (the defaults). */
export const riskEventsParam = textParam((text) => {
  if (text === "") return { value: [] };
  const parts = text.split(",");
  if (parts.length > MAX_RISK_EVENTS) return { problem: `at most ${MAX_RISK_EVENTS} events` };
  const items: RiskEvent[] = [];
  for (const [index, part] of parts.entries()) {
    const match = EVENT_TEXT.exec(part);
    if (!match) return { problem: `item ${index + 1} ("${part}") is not id:probability or id:probability:fraction; must be ${RISK_EVENTS_SYNTAX}` };
    const item = RiskEventSchema.safeParse({
      id: (match[1] ?? "").toUpperCase(),
      probability: Number(match[2]),
      ...(match[3] === undefined ? {} : { fraction: Number(match[3]) }),
    });
    if (!item.success) return { problem: `item ${index + 1} ("${part}"): ${firstProblem(item.error)}` };
    items.push(item.data);
  }
  return { value: items };
}, events);

const P = RISK_PARAMS;

const drawsParam = wholeNumberParam(draws).describe(`Monte Carlo draws (${MIN_RISK_DRAWS}–${MAX_RISK_DRAWS}; default ${DEFAULT_RISK_DRAWS})`);
const seedParam = wholeNumberParam(seed).describe(`Seed of the Monte Carlo draws (0–${MAX_RISK_SEED}; default ${DEFAULT_RISK_SEED})`);
export const riskHorizonParam = wholeNumberParam(horizonDays).describe(
  `Days the probabilities are for (1–${MAX_RISK_HORIZON_DAYS}; default ${DEFAULT_RISK_HORIZON_DAYS})`,
);
const bieParam = wholeNumberParam(blocksIntoEpoch).describe(`Blocks of the epoch mined when the events hit (0–${MAX_RISK_BLOCKS_INTO_EPOCH})`);

/** A risk request's settings, by their names in code (the body without dataset and period). */
export type RiskSettings = Pick<RiskRequest, "events" | "horizonDays" | "blocksIntoEpoch" | "draws" | "seed">;

/** The settings in a query, by their short names, strict: a bad value is refused naming it. */
export const riskQuery = {
  [P.events]: riskEventsParam.optional().describe(`Events: ${RISK_EVENTS_SYNTAX}; absent or empty: every country with a share and every bloc at its default`),
  [P.draws]: drawsParam.default(DEFAULT_RISK_DRAWS),
  [P.seed]: seedParam.default(DEFAULT_RISK_SEED),
  [P.horizonDays]: riskHorizonParam.default(DEFAULT_RISK_HORIZON_DAYS),
  [P.blocksIntoEpoch]: bieParam.default(0),
};

/**
 * The same, lenient (the dashboard link): a bad value falls back to its default; empty items of the
 * events list are skipped and a list too long is cut to its first MAX_RISK_EVENTS; a bad item drops
 * the whole list (back to the defaults: no half a request).
 */
export const lenientRiskQuery = {
  [P.events]: z
    .string()
    .transform((text) => text.split(",").filter(Boolean).slice(0, MAX_RISK_EVENTS).join(","))
    .pipe(riskEventsParam)
    .catch([])
    .default([]),
  [P.draws]: drawsParam.catch(DEFAULT_RISK_DRAWS).default(DEFAULT_RISK_DRAWS),
  [P.seed]: seedParam.catch(DEFAULT_RISK_SEED).default(DEFAULT_RISK_SEED),
  [P.horizonDays]: riskHorizonParam.catch(DEFAULT_RISK_HORIZON_DAYS).default(DEFAULT_RISK_HORIZON_DAYS),
  [P.blocksIntoEpoch]: bieParam.catch(0).default(0),
};

type RiskQueryOutput = {
  [P.events]?: RiskEvent[];
  [P.draws]: number;
  [P.seed]: number;
  [P.horizonDays]: number;
  [P.blocksIntoEpoch]: number;
};

/** Parsed query parameters (short names) → the settings by their names in code. */
export function riskSettingsOf(q: RiskQueryOutput): RiskSettings {
  return { events: q[P.events] ?? [], draws: q[P.draws], seed: q[P.seed], horizonDays: q[P.horizonDays], blocksIntoEpoch: q[P.blocksIntoEpoch] };
}

// Writing the text form needs no zod (the dashboard writes links in its first load): lib/risk/link.ts.
export { formatRiskEvents } from "./link";
