import type { ShockKind } from "../validation/vocabulary";

// The default event probabilities (docs/methodology.md#jurisdiction-risk): a heuristic from the
// recorded shocks (bans, restrictions, blackouts, tariffs), a starting point for users to change —
// never a forecast. Pure: the recorded shocks and the window they cover are inputs.
//
// - A country's shocks are treated as a Poisson process: rate = recorded shocks touching it ÷ years
//   the record covers; the chance of at least one within the horizon is P = 1 − exp(−rate · h/365).
// - A shock takes the fraction of the country's hashrate its kind usually takes (FRACTION_BY_KIND);
//   a country's event takes the mean over its recorded shocks.
// - A country with a share but no recorded shock gets a small base rate; a bloc (its members acting
//   together) a smaller one, since no recorded shock has hit a bloc as such.

/** Share of a country's hashrate a shock of each kind takes offline at once. */
export const FRACTION_BY_KIND: Record<ShockKind, number> = {
  /** A national ban (China 2021) stops all of it. */
  ban: 1,
  /** A nationwide internet or grid blackout stops most of it while it lasts; some are regional. */
  blackout: 0.5,
  /** A provincial or grid order (Sichuan 2021, Xinjiang 2025) stops part of it. */
  restriction: 0.25,
  /** A power tariff makes the least efficient miners stop. */
  tariff: 0.1,
};

/** Shocks a year for a country with a share and no recorded shock: about one in 50 years. */
export const BASE_ANNUAL_RATE = 0.02;
/** What such a shock takes (as a restriction). */
export const BASE_FRACTION = FRACTION_BY_KIND.restriction;
/** Shocks a year for a bloc acting together: about one in 100 years. */
export const BLOC_ANNUAL_RATE = 0.01;
/** What a bloc-wide shock takes of each member. */
export const BLOC_FRACTION = 0.5;
/** The record is read from the first month hashrate is attributed to countries (CBECI, 2019-09). */
export const SHOCK_RECORD_START = "2019-09-01";

const DAYS_PER_YEAR = 365.25;

export type RecordedShock = { kind: ShockKind; date: string; countries: readonly string[] };
export type ShockRecord = { shocks: readonly RecordedShock[]; from: string; to: string };
export type DefaultEvent = { probability: number; fraction: number; heuristic: string };

/** Years between two dates (YYYY-MM-DD), at least one month so that a fresh record cannot divide by 0. */
export function yearsBetween(from: string, to: string): number {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  return Math.max(1 / 12, days / DAYS_PER_YEAR);
}

/** P(at least one event within the horizon) of a Poisson process with this annual rate. */
export function probabilityWithin(annualRate: number, horizonDays: number): number {
  return 1 - Math.exp((-annualRate * horizonDays) / DAYS_PER_YEAR);
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

/** The window the record covers: from SHOCK_RECORD_START to `to` (the record's retrieval date or its latest shock). */
export function shockRecord(shocks: readonly RecordedShock[], retrievedAt: readonly string[]): ShockRecord {
  const to = [...retrievedAt, ...shocks.map((s) => s.date)].reduce((a, b) => (b > a ? b : a), SHOCK_RECORD_START);
  return { shocks: shocks.filter((s) => s.date >= SHOCK_RECORD_START && s.date <= to), from: SHOCK_RECORD_START, to };
}

/** A country's default event. */
export function defaultCountryEvent(iso2: string, record: ShockRecord, horizonDays: number): DefaultEvent {
  const years = yearsBetween(record.from, record.to);
  const own = record.shocks.filter((s) => s.countries.includes(iso2));
  const window = `${record.from} … ${record.to}, ${round(years, 2)} years`;
  if (own.length === 0) {
    const probability = probabilityWithin(BASE_ANNUAL_RATE, horizonDays);
    return {
      probability,
      fraction: BASE_FRACTION,
      heuristic: `no recorded shock in ${window}: base rate ${BASE_ANNUAL_RATE}/year, P = 1 − exp(−rate · ${horizonDays}/365.25) = ${round(probability, 4)}; fraction ${BASE_FRACTION} (as a restriction)`,
    };
  }
  const rate = own.length / years;
  const probability = probabilityWithin(rate, horizonDays);
  const fraction = own.reduce((sum, s) => sum + FRACTION_BY_KIND[s.kind], 0) / own.length;
  const kinds = [...new Set(own.map((s) => s.kind))].map((k) => `${k} ${FRACTION_BY_KIND[k]}`).join(", ");
  return {
    probability,
    fraction,
    heuristic: `${own.length} recorded shock${own.length === 1 ? "" : "s"} in ${window}: rate ${round(rate, 4)}/year, P = 1 − exp(−rate · ${horizonDays}/365.25) = ${round(probability, 4)}; fraction = mean over their kinds (${kinds}) = ${round(fraction, 4)}`,
  };
}

/** A bloc's default event (its members together). */
export function defaultBlocEvent(horizonDays: number): DefaultEvent {
  const probability = probabilityWithin(BLOC_ANNUAL_RATE, horizonDays);
  return {
    probability,
    fraction: BLOC_FRACTION,
    heuristic: `bloc acting together, no recorded precedent: base rate ${BLOC_ANNUAL_RATE}/year, P = 1 − exp(−rate · ${horizonDays}/365.25) = ${round(probability, 4)}; fraction ${BLOC_FRACTION} of each member`,
  };
}
