// The simulator against real shocks (docs/methodology.md#backtests): pure, no IO.
export { BACKTEST_CASES, NOT_BACKTESTED } from "./cases";
export { planBacktests, runBacktest, summarise, type Plan } from "./backtest";
export type * from "./types";
