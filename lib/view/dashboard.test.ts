import { describe, expect, it } from "vitest";
import { countryPanel } from "./country-panel";
import { countryRows } from "./dashboard";

// The table and the panel show the price and cost per BTC that /api/metrics chose and computed;
// they format them and never work them out again.

const distribution = {
  period: "2022-01",
  dataset: "cbeci-monthly",
  asOf: "2022-01",
  ageMonths: 58,
  stale: true,
  source: { dataset: "cbeci-monthly", title: "CBECI", publisher: "CCAF", method: null, url: "https://ccaf.io", retrievedAt: "2026-11-26" },
  networkHashrateEh: 187.5,
  networkHashrateSource: "dataset" as const,
  networkHashratePeriod: "2022-01",
  unattributedShare: 0.1,
  countries: [
    { iso2: "US", name: "United States", share: 0.3784, hashrateEh: 70.97 },
    { iso2: "KZ", name: "Kazakhstan", share: 0.1322, hashrateEh: 24.79 },
  ],
};

const metrics = {
  period: "2022-01",
  powerPrices: [
    {
      iso2: "CA",
      name: "Canada",
      powerPrice: { subdivision: "Quebec", usdPerKwh: 0.04, priceType: "miner_tariff", period: "2024-04", sourceUrl: "https://q", dataset: "p" },
      energyCostPerBtcUsd: 12_345,
    },
    {
      iso2: "US",
      name: "United States",
      powerPrice: { subdivision: null, usdPerKwh: 0.073, priceType: "industrial", period: "2022-01", sourceUrl: "https://eia", dataset: "p" },
      // Not 0.073 × anything the browser knows: the server's figure is shown as it is.
      energyCostPerBtcUsd: 31_234.5,
    },
  ],
};

const country = (iso2: string, name: string) => ({
  iso2,
  iso3: "XXX",
  name,
  region: null,
  dataset: "cbeci-monthly",
  history: [{ period: "2022-01", share: null, hashrateEh: null, rank: null, source: "cbeci-monthly", ageMonths: 58 }],
  sites: [],
  sitesTotal: 0,
  prices: [],
  blocs: [],
});

describe("countryRows", () => {
  it("shows the server's price and cost per BTC for each country with a share", () => {
    const [us, kz] = countryRows(distribution, metrics, null);
    expect(us).toMatchObject({ iso2: "US", priceUsd: 0.073, priceText: "$0.073/kWh industrial", costUsd: 31_234.5, costText: "$31,235" });
    expect(kz).toMatchObject({ iso2: "KZ", priceUsd: null, priceText: "—", costUsd: null, costText: "—" });
  });

  it("shows no price from another month's metrics answer", () => {
    const [us] = countryRows(distribution, { ...metrics, period: "2021-12" }, null);
    expect(us).toMatchObject({ priceText: "—", costText: "—" });
    expect(countryRows(distribution, null, null)[0]).toMatchObject({ priceUsd: null, costUsd: null });
  });
});

describe("countryPanel", () => {
  it("names the price's type, subdivision and period, and links its source", () => {
    expect(countryPanel(country("CA", "Canada"), "2022-01", null, metrics).price).toEqual({
      text: "$0.040/kWh · miner tariff (Quebec) · 2024-04",
      sourceUrl: "https://q",
    });
  });

  it("says there is none when the metrics answer has none, and waits while it is not the period's", () => {
    expect(countryPanel(country("KZ", "Kazakhstan"), "2022-01", null, metrics).price).toBeNull();
    expect(countryPanel(country("US", "United States"), "2022-01", null, { ...metrics, period: "2021-12" }).price).toBe("loading");
    expect(countryPanel(country("US", "United States"), "2022-01", null, null).price).toBe("loading");
  });

  it("heads the sites with how many the country has, and links the rest when the answer lists only the first", () => {
    const none = countryPanel(country("CA", "Canada"), "2022-01", null, null);
    expect(none).toMatchObject({ sitesHeading: "Mining sites (0)", moreSites: null });
    const many = countryPanel({ ...country("US", "United States"), sitesTotal: 200_064 }, "2022-01", null, null);
    expect(many.sitesHeading).toBe("Mining sites (200,064)");
    expect(many.moreSites).toEqual({ text: "…and 200,064 more", href: "/api/sites?country=US" });
  });
});
