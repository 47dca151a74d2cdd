import "../validation/zod-browser";
import { z } from "zod";
import { periodSchema } from "../validation/cells";
import { datasetSlugParam } from "../validation/dataset-slug";
import { DEFAULT_SHARES_DATASET } from "../scenario/limits";
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

export const RiskBody = z
  .object({
    period: periodSchema.optional().describe("Month of the shares (YYYY-MM); default: the dataset's newest"),
    dataset: datasetSlugParam.default(DEFAULT_SHARES_DATASET),
    events: z
      .array(RiskEventSchema)
      .max(MAX_RISK_EVENTS, `at most ${MAX_RISK_EVENTS} events`)
      .describe("Independent events; several hitting one country take 1 − Π(1 − fᵢ) of it offline"),
    horizonDays: z
      .number()
      .int("must be a whole number of days")
      .min(1, "must be at least 1 day")
      .max(MAX_RISK_HORIZON_DAYS, `must be at most ${MAX_RISK_HORIZON_DAYS} days`)
      .default(DEFAULT_RISK_HORIZON_DAYS)
      .describe("The window the probabilities are for (default probabilities scale with it)"),
    blocksIntoEpoch: z
      .number()
      .int("must be a whole number")
      .min(0, "must be ≥ 0")
      .max(MAX_RISK_BLOCKS_INTO_EPOCH, `must be at most ${MAX_RISK_BLOCKS_INTO_EPOCH}`)
      .default(0)
      .describe("Blocks of the epoch mined when the events hit"),
    draws: z
      .number()
      .int("must be a whole number")
      .min(MIN_RISK_DRAWS, `must be at least ${MIN_RISK_DRAWS}`)
      .max(MAX_RISK_DRAWS, `must be at most ${MAX_RISK_DRAWS}`)
      .default(DEFAULT_RISK_DRAWS)
      .describe("Monte Carlo draws, when there are too many uncertain events to enumerate"),
    seed: z
      .number()
      .int("must be a whole number")
      .min(0, "must be ≥ 0")
      .max(MAX_RISK_SEED, `must be at most ${MAX_RISK_SEED}`)
      .default(DEFAULT_RISK_SEED)
      .describe("Seed of the Monte Carlo draws: the same request gives the same answer"),
  })
  .strict();

export type RiskEvent = z.output<typeof RiskEventSchema>;
export type RiskRequest = z.output<typeof RiskBody>;

// ---- The text form of a link or query (lib/risk/link.ts writes it), read into the body's shapes
// and checked by its rules: strictly for the export query, leniently for the dashboard link.

const NUMBER = String.raw`\d+(?:\.\d*)?|\.\d+`;
const EVENT_TEXT = new RegExp(`^([A-Za-z][A-Za-z0-9]*):(${NUMBER})(?::(${NUMBER}))?$`);
export const RISK_EVENTS_SYNTAX =
  "a comma-separated list of id:probability or id:probability:fraction (an ISO alpha-2 code or bloc id, the chance 0–1, the share it takes offline 0–1, default 1), e.g. CN:0.1,EAEU:0.02:0.5";

/** "CN:0.1,EAEU:0.02:0.5" → [{ id: "CN", probability: 0.1, fraction: 1 }, { id: "EAEU", probability: 0.02, fraction: 0.5 }]; a refusal names the item and why. */
export const riskEventsParam = z.string().transform((text, ctx): RiskEvent[] => {
  const parts = text.split(",");
  const refuse = (message: string) => {
    ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  };
  if (parts.length > MAX_RISK_EVENTS) return refuse(`at most ${MAX_RISK_EVENTS} events`);
  const events: RiskEvent[] = [];
  for (const [index, part] of parts.entries()) {
    const match = EVENT_TEXT.exec(part);
    if (!match) return refuse(`item ${index + 1} ("${part}") is not id:probability or id:probability:fraction; must be ${RISK_EVENTS_SYNTAX}`);
    const event = RiskEventSchema.safeParse({
      id: (match[1] ?? "").toUpperCase(),
      probability: Number(match[2]),
      ...(match[3] === undefined ? {} : { fraction: Number(match[3]) }),
    });
    if (!event.success) {
      const issue = event.error.issues[0];
      return refuse(`item ${index + 1} ("${part}"): ${issue?.path.map(String).join(".") ?? ""}: ${issue?.message ?? "is invalid"}`);
    }
    events.push(event.data);
  }
  return events;
});

/**
 * The same, lenient (the dashboard link): empty items are skipped and a list too long is cut, as a
 * person editing a link would mean; a bad item drops the whole list (no half a set of events).
 */
export const lenientRiskEventsParam = z
  .string()
  .transform((text) => text.split(",").filter(Boolean).slice(0, MAX_RISK_EVENTS).join(","))
  .pipe(riskEventsParam)
  .catch([])
  .default([]);
