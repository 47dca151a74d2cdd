import "server-only";
import { interpolateCividis, interpolatePuOr, interpolateViridis, interpolateYlOrRd } from "d3-scale-chromatic";
import { formatShareShort, formatUsdPerKwh } from "../view/format";
import { parseColor, type Scale, type Stop, toHex } from "./scale";

// Colour scales of the map layers: fixed breaks (so colours compare across periods and datasets),
// colour-blind-safe palettes from d3-scale-chromatic. Built on the server and handed to the browser
// as plain stops, which keeps d3 out of the page's JavaScript; colorFor (scale.ts) paints them.

export type LayerScales = { share: Scale; price: Scale; cost: Scale; risk: Scale };

function evenly(breaks: readonly number[], interpolate: (t: number) => string, reverse: boolean): Stop[] {
  return breaks.map((value, i) => {
    const t = i / (breaks.length - 1);
    return { value, color: toHex(parseColor(interpolate(reverse ? 1 - t : t))) };
  });
}

const SHARE_BREAKS = [0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.4, 0.8] as const;
/** Viridis, reversed so that more hash power reads darker on a light map. */
export const SHARE_SCALE: Scale = {
  title: "Share of network hashrate",
  unit: "%",
  stops: evenly(SHARE_BREAKS, interpolateViridis, true),
  ticks: SHARE_BREAKS.map((value) => ({ value, label: formatShareShort(value) })),
};

const PRICE_BREAKS = [0.02, 0.03, 0.04, 0.05, 0.07, 0.1, 0.15, 0.25] as const;
/** Cividis, reversed: dearer power darker. */
export const PRICE_SCALE: Scale = {
  title: "Electricity price",
  unit: "USD/kWh",
  stops: evenly(PRICE_BREAKS, interpolateCividis, true),
  ticks: PRICE_BREAKS.map((value) => ({ value, label: formatUsdPerKwh(value) })),
};

/** Cost per BTC ÷ bitcoin price: below 1 mines at a profit (purple), above 1 at a loss (orange). */
const COST_RATIO_BREAKS = [0.25, 0.5, 0.75, 1, 1.5, 2, 4] as const;
export const COST_SCALE: Scale = {
  title: "Electricity cost per BTC ÷ bitcoin price",
  unit: "ratio",
  stops: evenly(COST_RATIO_BREAKS, interpolatePuOr, true),
  ticks: COST_RATIO_BREAKS.map((value) => ({ value, label: `${value}×` })),
};

/**
 * A country's part of the expected lost share (risk view): most are a fraction of a percent, a
 * large miner with a record of shocks a few percent, hence the roughly logarithmic breaks.
 */
const RISK_BREAKS = [0, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1] as const;
const percentTick = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
/** Yellow-orange-red (ColorBrewer, readable with colour-vision deficiencies): more expected loss, darker red. */
export const RISK_SCALE: Scale = {
  title: "Expected share of network hashrate lost, by country",
  unit: "% of network",
  stops: evenly(RISK_BREAKS, interpolateYlOrRd, false),
  ticks: RISK_BREAKS.map((value) => ({ value, label: percentTick.format(value) })),
};

export const LAYER_SCALES: LayerScales = { share: SHARE_SCALE, price: PRICE_SCALE, cost: COST_SCALE, risk: RISK_SCALE };
