import { describe, expect, it } from "vitest";
import { dashboardLink, formatDrop, formatPoints, sourceLabel } from "./backtests";
import { parseDashboardState } from "./url-state";

describe("backtests table cells", () => {
  it.each([
    [0.27, "27.00%"],
    [{ low: 0.12, high: 0.14 }, "12.00% – 14.00%"],
    [{ low: 0.3257, high: 0.46 }, "32.57% – 46.00%"],
  ])("observed drop %j → %s", (drop, text) => {
    expect(formatDrop(drop)).toBe(text);
  });

  it.each([
    [0.0003, true, "+0.03 pp"],
    [-0.102654, true, "−10.27 pp"],
    [0, true, "0.00 pp"],
    // Below half a hundredth of a point it reads as zero, without a sign.
    [-0.00000004, true, "0.00 pp"],
    [0.05563, false, "5.56 pp"],
  ])("%f in points (signed: %s) → %s", (x, signed, text) => {
    expect(formatPoints(x, signed)).toBe(text);
  });

  it.each([
    ["https://www.coindesk.com/business/2022/12/26/x/", "coindesk.com"],
    ["https://forklog.com/en/news/x/amp", "forklog.com"],
    ["http://store.tribalsensation.com/news_info.php?id=495", "store.tribalsensation.com"],
    ["not a url", "not a url"],
  ])("link text of %s → %s", (url, label) => {
    expect(sourceLabel(url)).toBe(label);
  });

  it("opens a backtest's scenario in the dashboard: the same month, shutdown, epoch position, return and horizon", () => {
    const request = {
      dataset: "best-estimate",
      period: "2021-12",
      shutdown: [{ id: "KZ", fraction: 1 }],
      blocksIntoEpoch: 1529,
      horizonDays: 90,
      efficiency: 28.2,
      migration: { fraction: 1, days: 0, delayDays: 2, weighting: "proportional" as const },
    };
    const link = dashboardLink({
      dataset: "best-estimate",
      period: "2021-12",
      periodBasis: "",
      countries: [],
      fractionBasis: "",
      outageDays: 2,
      windowBasis: "",
      blocksIntoEpoch: 1529,
      request,
    });
    expect(link).toBe("/?period=2021-12&shutdown=KZ&bie=1529&migrate=1%2C0%2C2%2Cproportional&horizon=90");
    const state = parseDashboardState(Object.fromEntries(new URLSearchParams(link.slice(2))));
    expect(state).toMatchObject({ dataset: "best-estimate", period: "2021-12", shutdown: [{ id: "KZ", fraction: 1 }], blocksIntoEpoch: 1529, horizonDays: 90 });
    expect(state.migration).toMatchObject({ fraction: 1, days: 0, delayDays: 2, weighting: "proportional" });
  });
});
