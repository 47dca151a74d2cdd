import { describe, expect, it } from "vitest";
import { costPerBtcUsd, DEFAULT_EFFICIENCY_J_PER_TH, kwhPerBtc } from "./energy";
import { MetricsError } from "./errors";

describe("energy per bitcoin", () => {
  it("costs about $96k at 1 000 EH/s, 20 J/TH, $0.09/kWh and a 3.125 BTC subsidy (the seed article's $100k)", () => {
    const kwh = kwhPerBtc(1000, 20, 3.125);
    // 1e9 TH/s · 20 J/TH · 600 s = 1.2e13 J per block = 3.33e6 kWh; / 3.125 BTC.
    expect(kwh).toBeCloseTo(1_066_666.667, 2);
    expect(costPerBtcUsd(kwh, 0.09)).toBeCloseTo(96_000, 6);
  });

  it.each([
    [187.55, DEFAULT_EFFICIENCY_J_PER_TH, 6.25, 0, 141_037.6],
    [100, 30, 6.25, 0.25, 76_923.077],
  ])("H=%f EH/s, ε=%f J/TH, subsidy %f + fees %f → %f kWh/BTC", (h, e, s, f, expected) => {
    expect(kwhPerBtc(h, e, s, f)).toBeCloseTo(expected, 2);
  });

  it.each([
    [Number.NaN, 20, 3.125],
    [-1, 20, 3.125],
    [100, Number.POSITIVE_INFINITY, 3.125],
    [100, 20, 0],
  ])("rejects H=%f, ε=%f, subsidy %f", (h, e, s) => {
    expect(() => kwhPerBtc(h, e, s)).toThrow(MetricsError);
  });
});
