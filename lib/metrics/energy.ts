import { MetricsError } from "./errors";

// Energy cost of one bitcoin (docs/methodology.md#energy-per-btc): electricity the whole network burns per bitcoin issued.

/** The 2024 Cambridge survey's fleet-average efficiency. */
export const DEFAULT_EFFICIENCY_J_PER_TH = 28.2;
const SECONDS_PER_BLOCK = 600;
const JOULES_PER_KWH = 3.6e6;

/** kWh per BTC = H_TH · ε · 600 / 3.6e6 / (subsidy + fees per block). */
export function kwhPerBtc(networkHashrateEh: number, efficiencyJPerTh: number, subsidyBtc: number, feesBtcPerBlock = 0): number {
  for (const [field, value] of [
    ["networkHashrateEh", networkHashrateEh],
    ["efficiency", efficiencyJPerTh],
    ["subsidyBtc", subsidyBtc],
    ["feesBtcPerBlock", feesBtcPerBlock],
  ] as const) {
    if (!Number.isFinite(value) || value < 0) throw new MetricsError("invalid-parameter", `${field} must be a finite number ≥ 0, got ${value}`, field);
  }
  const reward = subsidyBtc + feesBtcPerBlock;
  if (reward <= 0) throw new MetricsError("invalid-parameter", "block reward (subsidy + fees) must be > 0", "subsidyBtc");
  const hashrateTh = networkHashrateEh * 1e6;
  return (hashrateTh * efficiencyJPerTh * SECONDS_PER_BLOCK) / JOULES_PER_KWH / reward;
}

/** Electricity cost of one BTC at a power price (USD/kWh). */
export function costPerBtcUsd(kwhPerBitcoin: number, usdPerKwh: number): number {
  if (!Number.isFinite(usdPerKwh) || usdPerKwh < 0)
    throw new MetricsError("invalid-parameter", `usdPerKwh must be a finite number ≥ 0, got ${usdPerKwh}`, "usdPerKwh");
  return kwhPerBitcoin * usdPerKwh;
}
