import { describe, expect, it } from "vitest";
import { CountryResponse } from "@/lib/validation/responses";
import { expectFieldError, get } from "@/tests/support/api";
import { GET } from "./route";

describe("GET /api/country", () => {
  it("gives Kazakhstan's history, rank, sites, prices and blocs", async () => {
    const { status, body } = await get(GET, "/api/country?iso2=kz");
    expect(status).toBe(200);
    const c = CountryResponse.parse(body);
    expect(c).toMatchObject({ iso2: "KZ", iso3: "KAZ", name: "Kazakhstan", dataset: "best-estimate", blocs: ["EAEU"] });
    expect(c.history).toHaveLength(33);
    expect(c.history.find((h) => h.period === "2022-01")).toMatchObject({ share: 0.1322, rank: 3, source: "cbeci-monthly" });
    expect(c.history.find((h) => h.period === "2023-11")).toMatchObject({ share: 0.035, rank: 3, source: "minermetrics-2023" });
    // Named in the May 2025 snapshot, not in October's three countries: no figure, not a zero.
    expect(c.history.find((h) => h.period === "2025-05")).toMatchObject({ share: 0.02484, source: "hashrate-index-2025" });
    expect(c.history.at(-1)).toMatchObject({ period: "2025-10", share: null, rank: null, source: "hashrate-index-2025" });
    // Each month's age: 2025-07 is three months older than 2025-10.
    expect((c.history.at(-2)?.ageMonths ?? 0) - (c.history.at(-1)?.ageMonths ?? 0)).toBe(3);
    expect(c.sites.every((s) => s.countryIso2 === "KZ")).toBe(true);
    expect(c.prices.length).toBeGreaterThanOrEqual(2);
  });

  it("gives a country without estimates an empty history, not an error", async () => {
    const c = CountryResponse.parse((await get(GET, "/api/country?iso2=BR")).body);
    expect(c.history.every((h) => h.share === null && h.rank === null)).toBe(true);
    expect(c.blocs).toEqual(["BRICS"]);
  });

  it("answers 400 for a malformed code and 404 for an unknown one", async () => {
    expectFieldError(await get(GET, "/api/country"), 400, "iso2");
    expectFieldError(await get(GET, "/api/country?iso2=USA"), 400, "iso2");
    expectFieldError(await get(GET, "/api/country?iso2=ZZ"), 404, "iso2");
  });
});
