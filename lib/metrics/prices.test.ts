import { describe, expect, it } from "vitest";
import { choosePrice, type PriceRow, priceStartMonth } from "./prices";

const row = (p: Partial<PriceRow>): PriceRow => ({
  countryIso2: "XX",
  subdivision: null,
  usdPerKwh: 0.1,
  priceType: "industrial",
  period: "2024",
  sourceUrl: "https://x",
  dataset: "d",
  ...p,
});

describe("choosePrice", () => {
  it.each([
    ["2024", "2024-01"],
    ["2024-S1", "2024-01"],
    ["2024-S2", "2024-07"],
    ["2023-07", "2023-07"],
  ])("%s starts in %s", (period, month) => expect(priceStartMonth(period)).toBe(month));

  it("prefers industrial over a miner tariff and a whole-country row over a province", () => {
    const rows = [row({ priceType: "miner_tariff", usdPerKwh: 0.03 }), row({ subdivision: "Quebec", usdPerKwh: 0.05 }), row({ usdPerKwh: 0.09 })];
    expect(choosePrice(rows, "2024-06")?.usdPerKwh).toBe(0.09);
  });

  it("takes the latest price dated at or before the month, else the earliest after", () => {
    const monthly = ["2021-12", "2022-01", "2022-02"].map((period, i) => row({ period, usdPerKwh: 0.07 + i / 100 }));
    expect(choosePrice(monthly, "2022-01")?.period).toBe("2022-01");
    expect(choosePrice(monthly, "2030-01")?.period).toBe("2022-02");
    expect(choosePrice(monthly, "2019-01")?.period).toBe("2021-12");
  });

  it("breaks a tie on the start month with the lower price, whatever the order of the rows", () => {
    const annual = row({ period: "2024", usdPerKwh: 0.08 });
    const january = row({ period: "2024-01", usdPerKwh: 0.06 });
    for (const month of ["2024-05", "2023-01"]) {
      expect(choosePrice([annual, january], month)).toBe(january);
      expect(choosePrice([january, annual], month)).toBe(january);
    }
  });

  it("falls back to less comparable types, and to provinces when that is all there is", () => {
    expect(choosePrice([row({ priceType: "household" })], "2024-01")?.priceType).toBe("household");
    expect(choosePrice([row({ subdivision: "Irkutsk", priceType: "miner_tariff" })], "2024-01")?.subdivision).toBe("Irkutsk");
    expect(choosePrice([], "2024-01")).toBeNull();
  });
});
