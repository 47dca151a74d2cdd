import { describe, expect, it } from "vitest";
import { COST_SCALE, PRICE_SCALE, RISK_SCALE, SHARE_SCALE } from "../colors/layer-scales";
import { type CountryPrice, costLayer, layerView, priceLayer, shareLayer, sitesGeoJson } from "./map-layers";

// What /api/metrics answers per priced country (its powerPrices).
const price = (iso2: string, p: Partial<CountryPrice["powerPrice"]>, energyCostPerBtcUsd: number | null = null): CountryPrice => ({
  iso2,
  name: iso2,
  powerPrice: { subdivision: null, usdPerKwh: 0.08, priceType: "industrial", period: "2022-01", sourceUrl: "https://x", dataset: "d", ...p },
  energyCostPerBtcUsd,
});

describe("map layers", () => {
  it("paints shares as given, with the tooltip text ready", () => {
    const v = shareLayer(
      { period: "2022-01", unattributedShare: 0.0902, countries: [{ iso2: "US", name: "United States", share: 0.3784, hashrateEh: 70.97 }] },
      SHARE_SCALE,
    );
    expect(v.values).toEqual([{ iso2: "US", value: 0.3784, tooltip: "37.84% of hashrate · 71.0 EH/s" }]);
    expect(v.note).toContain("9.02%");
  });

  it("paints the price the server chose for each country, naming its type", () => {
    const v = priceLayer(
      [price("CA", { subdivision: "Quebec", priceType: "miner_tariff", usdPerKwh: 0.04, period: "2024-04" }), price("US", { usdPerKwh: 0.073 })],
      PRICE_SCALE,
    );
    expect(v.values).toEqual([
      { iso2: "CA", value: 0.04, tooltip: "$0.040/kWh (miner tariff, Quebec, 2024-04)" },
      { iso2: "US", value: 0.073, tooltip: "$0.073/kWh (industrial, 2022-01)" },
    ]);
  });

  it("marks where the server's electricity cost per BTC is below the bitcoin price", () => {
    // 1 066 667 kWh/BTC (1 000 EH/s, 20 J/TH, 3.125 BTC): $96k at $0.09, $32k at $0.03.
    const v = costLayer([price("US", { usdPerKwh: 0.09 }, 96_000), price("PY", { usdPerKwh: 0.03 }, 32_000)], 1_066_666.667, 80_000, COST_SCALE);
    const us = v.values.find((x) => x.iso2 === "US");
    const py = v.values.find((x) => x.iso2 === "PY");
    expect(us?.value).toBeCloseTo(1.2, 12);
    expect(us?.tooltip).toBe("electricity $96,000 per BTC at $0.090/kWh — mines at a loss at $80,000");
    expect(py?.value).toBeCloseTo(0.4, 12);
    expect(py?.tooltip).toMatch(/at a profit/);
    const unknown = costLayer([price("US", {}, null)], null, 1, COST_SCALE);
    expect(unknown.values).toEqual([]);
    expect(unknown.note).toMatch(/hashrate of this period is unknown/);
  });

  it("shows no prices from another period's metrics answer", () => {
    const distribution = { period: "2022-01", unattributedShare: 0, countries: [] };
    const metrics = { period: "2021-12", kwhPerBtc: 1, powerPrices: [price("US", {}, 5)] };
    const scales = { share: SHARE_SCALE, price: PRICE_SCALE, cost: COST_SCALE, risk: RISK_SCALE };
    expect(layerView("price", { distribution, metrics, btcPriceUsd: 1 }, scales).values).toEqual([]);
    expect(layerView("price", { distribution, metrics: { ...metrics, period: "2022-01" }, btcPriceUsd: 1 }, scales).values).toHaveLength(1);
  });

  it("keeps only located sites as points", () => {
    const base = {
      id: 1,
      name: "A",
      operator: "O",
      countryIso2: "US",
      capacityMw: 100,
      hashrateEh: null,
      energySource: "hydro",
      status: "operating" as const,
      sourceUrl: "https://s",
    };
    const fc = sitesGeoJson([
      { ...base, lat: 30, lon: -97 },
      { ...base, id: 2, lat: null, lon: null },
    ]);
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0]?.geometry.coordinates).toEqual([-97, 30]);
    expect(fc.features[0]?.properties).toMatchObject({ energy: "hydro", capacityMw: 100, sourceUrl: "https://s" });
  });
});
