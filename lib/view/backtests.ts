import { DEFAULT_NETWORK_BASIS } from "../metrics/distribution";
import type { BacktestsAnswer } from "../validation/responses/backtests";
import { DEFAULTS, serializeDashboardState } from "./url-state-core";
import { formatShare } from "./format";

// The backtests table's cells: /api/backtests → display text and links. The numbers are the
// server's; these only format them.

type Row = BacktestsAnswer["rows"][number];

const points = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** An observed drop: one figure, or the range the sources span ("12.00% – 14.00%"). */
export function formatDrop(drop: Row["observedDrop"]): string {
  return typeof drop === "number" ? formatShare(drop) : `${formatShare(drop.low)} – ${formatShare(drop.high)}`;
}

/** A difference of two shares in percentage points: signed "+0.03 pp", "−10.27 pp", "0.00 pp"; unsigned "5.56 pp". */
export function formatPoints(x: number, signed = true): string {
  const text = points.format(Math.abs(x) * 100);
  const sign = !signed || text === "0.00" ? "" : x > 0 ? "+" : "−";
  return `${sign}${text} pp`;
}

/** A link's text: the site it points to, without "www.". */
export function sourceLabel(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return url;
  }
}

/** The dashboard link that opens a backtest's scenario in the simulator (fractions rounded as links round them). */
export function dashboardLink(scenario: Row["scenario"]): string {
  const r = scenario.request;
  return `/${serializeDashboardState({
    ...DEFAULTS,
    network: DEFAULT_NETWORK_BASIS,
    dataset: r.dataset,
    period: r.period,
    country: null,
    view: null,
    simulate: true,
    shutdown: r.shutdown,
    blocksIntoEpoch: r.blocksIntoEpoch,
    horizonDays: r.horizonDays,
    efficiency: r.efficiency,
    migration: r.migration ?? null,
    riskEvents: [],
  })}`;
}
