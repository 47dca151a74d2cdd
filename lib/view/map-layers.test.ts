import { describe, expect, it } from "vitest";
import type { PriceRow } from "../metrics/prices";
import { costLayer, priceLayer, shareLayer, sitesGeoJson } from "./map-layers";
import { energyCategory } from "./palette";
import { COST_SCALE, PRICE_SCALE, SHARE_SCALE } from "./scales";

const price = (p: Partial<PriceRow>): PriceRow => ({
  countryIso2: "US",
  subdivision: null,
  usdPerKwh: 0.08,
  priceType: "industrial",
  period: "2022-01",
  sourceUrl: "https://x",
  dataset: "d",
  ...p,
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

  it("paints one comparable price per country, naming its type", () => {
    const v = priceLayer(
      [
        price({ usdPerKwh: 0.073 }),
        price({ priceType: "miner_tariff", usdPerKwh: 0.03 }),
        price({ countryIso2: "CA", subdivision: "Quebec", priceType: "miner_tariff", usdPerKwh: 0.04, period: "2024-04" }),
      ],
      "2022-01",
      PRICE_SCALE,
    );
    expect(v.values).toEqual([
      { iso2: "US", value: 0.073, tooltip: "$0.073/kWh (industrial, 2022-01)" },
      { iso2: "CA", value: 0.04, tooltip: "$0.040/kWh (miner tariff, Quebec, 2024-04)" },
    ]);
  });

  it("marks where electricity per BTC costs less than the bitcoin price", () => {
    // 1 066 667 kWh/BTC (1 000 EH/s, 20 J/TH, 3.125 BTC): $96k at $0.09, $32k at $0.03.
    const v = costLayer([price({ usdPerKwh: 0.09 }), price({ countryIso2: "PY", usdPerKwh: 0.03 })], "2025-07", 1_066_666.667, 80_000, COST_SCALE);
    const us = v.values.find((x) => x.iso2 === "US");
    const py = v.values.find((x) => x.iso2 === "PY");
    expect(us?.value).toBeCloseTo(1.2, 6);
    expect(us?.tooltip).toMatch(/\$96,000 per BTC .* at a loss/);
    expect(py?.value).toBeCloseTo(0.4, 6);
    expect(py?.tooltip).toMatch(/at a profit/);
    expect(costLayer([price({})], "2022-01", null, 1, COST_SCALE).values).toEqual([]);
  });

  it.each([
    ["hydro (Itaipu/ANDE)", "hydro"],
    ["ERCOT grid", "grid"],
    ["natural gas (on-site plant)", "gas"],
    ["flare gas (on-site generators)", "gas"],
    ["wind (co-located) + ERCOT grid", "wind & solar"],
    ["nuclear (behind-the-meter, Susquehanna)", "nuclear"],
    ["geothermal/hydro (Icelandic grid)", "geothermal"],
    ["hydro/geothermal (EEP, $0.049/kWh)", "hydro"],
    ["coal refuse (on-site CFB plant)", "coal"],
    [null, "grid"],
  ])("%s is %s", (source, category) => {
    expect(energyCategory(source)).toBe(category);
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
