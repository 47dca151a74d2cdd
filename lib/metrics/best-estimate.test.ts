import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Candidate, type CandidateRow, chooseMonths, exclusion, MIN_NAMED_COUNTRIES } from "./best-estimate";

const rows = (shares: Record<string, number>): CandidateRow[] => {
  const named = Object.entries(shares).map(([countryIso2, share]) => ({ countryIso2, share }));
  const rest = 1 - named.reduce((s, r) => s + r.share, 0);
  return rest > 1e-12 ? [...named, { countryIso2: null, share: rest }] : named;
};

const candidate = (slug: string, months: Record<string, Record<string, number>>, extra: Partial<Candidate> = {}): Candidate => ({
  slug,
  coverage: "network",
  retrievedAt: "2026-11-26",
  months: new Map(Object.entries(months).map(([period, shares]) => [period, rows(shares)])),
  ...extra,
});

const THREE = { US: 0.4, RU: 0.15, CN: 0.14 };

describe("exclusion", () => {
  it.each<[string, Candidate["coverage"], Record<string, number>, ReturnType<typeof exclusion>]>([
    ["a whole-network month naming three countries", "network", THREE, null],
    ["a sample survey, however many countries", "partial", { US: 0.754, CA: 0.071, PY: 0.034, NO: 0.028, KZ: 0.026 }, "partial-coverage"],
    ["a point estimate of one country", "network", { KZ: 0.134 }, "too-few-countries"],
    ["two countries", "network", { US: 0.36, RU: 0.17 }, "too-few-countries"],
    ["a country at 0 % is not named", "network", { US: 0.4, RU: 0.2, CN: 0 }, "too-few-countries"],
  ])("%s → %s", (_name, coverage, shares, expected) => {
    expect(exclusion({ coverage }, rows(shares))).toBe(expected);
  });

  it(`needs ${MIN_NAMED_COUNTRIES} countries`, () => {
    expect(MIN_NAMED_COUNTRIES).toBe(3);
  });
});

describe("chooseMonths", () => {
  it("takes each month whole from one source, leaves uncovered months out, oldest first", () => {
    const choices = chooseMonths([
      candidate("hri", { "2025-10": THREE, "2025-05": { ...THREE, PY: 0.036 } }),
      candidate("cbeci", { "2021-12": { US: 0.35, KZ: 0.18, CN: 0.2, RU: 0.05 }, "2022-01": { US: 0.3784, CN: 0.2186, KZ: 0.1322, CA: 0.0648 } }),
      candidate("survey", { "2024-09": { US: 0.754, CA: 0.071, PY: 0.034 } }, { coverage: "partial" }),
      candidate("kz-blackout", { "2022-01": { KZ: 0.134 } }),
    ]);
    expect(choices.map((c) => [c.period, c.source])).toEqual([
      ["2021-12", "cbeci"],
      ["2022-01", "cbeci"],
      ["2025-05", "hri"],
      ["2025-10", "hri"],
    ]);
  });

  it.each<[string, Candidate[], string, string[]]>([
    [
      "the source naming the most of the network wins",
      [candidate("a", { "2023-11": THREE }), candidate("b", { "2023-11": { US: 0.4, RU: 0.15, CN: 0.14, CA: 0.05 } })],
      "b",
      ["a"],
    ],
    [
      "equal coverage: the latest retrieval wins",
      [candidate("a", { "2023-11": THREE }, { retrievedAt: "2026-01-01" }), candidate("b", { "2023-11": THREE }, { retrievedAt: "2025-01-01" })],
      "a",
      ["b"],
    ],
    ["then the slug, so the choice never depends on the order given", [candidate("z", { "2023-11": THREE }), candidate("m", { "2023-11": THREE })], "m", ["z"]],
    [
      "a partial source never wins, however much it names",
      [candidate("a", { "2023-11": THREE }), candidate("survey", { "2023-11": { US: 0.75, CA: 0.1, NO: 0.1 } }, { coverage: "partial" })],
      "a",
      [],
    ],
  ])("%s", (_name, candidates, source, alsoCovered) => {
    const [choice] = chooseMonths(candidates);
    expect(choice).toMatchObject({ period: "2023-11", source, alsoCovered });
  });

  const month = fc.tuple(fc.integer({ min: 2019, max: 2027 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, "0")}`);
  const iso = fc.constantFrom("US", "CN", "RU", "KZ", "CA", "PY", "NO", "AE");
  const monthShares = fc.dictionary(
    iso,
    fc.integer({ min: 0, max: 30 }).map((n) => n / 100),
    { maxKeys: 6 },
  );
  const candidateArb = fc.record({
    slug: fc.stringMatching(/^[a-z]{2,6}$/),
    coverage: fc.constantFrom("network" as const, "partial" as const),
    retrievedAt: fc.constantFrom("2025-01-01", "2026-11-26"),
    months: fc.dictionary(month, monthShares, { maxKeys: 5 }).map((m) => new Map(Object.entries(m).map(([p, s]) => [p, rows(s)]))),
  });

  it("chooses, for exactly the months some usable source covers, one of those sources — and is order-independent", () => {
    fc.assert(
      fc.property(fc.uniqueArray(candidateArb, { selector: (c) => c.slug, maxLength: 5 }), (candidates) => {
        const choices = chooseMonths(candidates);
        const usable = new Map<string, string[]>();
        for (const c of candidates)
          for (const [period, r] of c.months) if (exclusion(c, r) === null) usable.set(period, [...(usable.get(period) ?? []), c.slug]);
        expect(choices.map((c) => c.period)).toEqual([...usable.keys()].sort());
        for (const choice of choices) {
          expect(usable.get(choice.period)).toContain(choice.source);
          expect([choice.source, ...choice.alsoCovered].sort()).toEqual([...(usable.get(choice.period) ?? [])].sort());
        }
        expect(chooseMonths([...candidates].reverse())).toEqual(choices);
      }),
    );
  });
});
