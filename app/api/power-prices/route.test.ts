import { describe, expect, it } from "vitest";
import { expectFieldError, get } from "@/tests/support/api";
import { GET } from "./route";

type Price = { countryIso2: string; subdivision: string | null; usdPerKwh: number; priceType: string; period: string; sourceUrl: string; dataset: string };

describe("GET /api/power-prices", () => {
  it("lists prices with type, period and source", async () => {
    const { status, body } = await get(GET, "/api/power-prices");
    expect(status).toBe(200);
    const prices = (body as { prices: Price[] }).prices;
    expect(prices.length).toBe(43 + 269);
    expect(prices.every((p) => p.usdPerKwh > 0 && /^https?:\/\//.test(p.sourceUrl))).toBe(true);
    expect(prices.find((p) => p.countryIso2 === "DE")).toMatchObject({
      usdPerKwh: 0.1549,
      priceType: "industrial",
      period: "2024-S2",
      dataset: "electricity-prices",
    });
  });

  it("keeps subdivisions and filters by country and type", async () => {
    const { body } = await get(GET, "/api/power-prices?country=CA&priceType=miner_tariff");
    const prices = (body as { prices: Price[] }).prices;
    expect(prices).toHaveLength(1);
    expect(prices[0]).toMatchObject({ subdivision: "Quebec", priceType: "miner_tariff" });
    const us = (await get(GET, "/api/power-prices?country=US&priceType=industrial")).body as { prices: Price[] };
    // EIA's monthly series: January 2022 was 7.30 cents/kWh.
    expect(us.prices.find((p) => p.period === "2022-01")).toMatchObject({ usdPerKwh: 0.073, dataset: "eia-us-industrial-monthly" });
  });

  it("answers 400 naming the field for a bad country or price type", async () => {
    expectFieldError(await get(GET, "/api/power-prices?country=1"), 400, "country");
    expectFieldError(await get(GET, "/api/power-prices?priceType=free"), 400, "priceType");
  });
});
