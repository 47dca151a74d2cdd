import { describe, expect, it } from "vitest";
import { networkChartView } from "./network-chart";

// The chart and its summary show the API's numbers, formatted; nothing is worked out again.

const answer = {
  months: [
    { period: "2021-06", hashrateEh: 111.25, difficulty: 1.9932e13, source: "network-monthly" },
    { period: "2021-07", hashrateEh: 97.82, difficulty: 1.4363e13, source: "synced-network" },
  ],
  retargets: [
    { height: 687456, time: "2021-06-13T20:07:16Z", difficulty: 19932791027262.74, change: -0.053, source: "difficulty-adjustments" },
    { height: 689472, time: "2021-07-03T06:34:06Z", difficulty: 14363025673659.96, change: -0.2794, source: "difficulty-adjustments" },
  ],
};

describe("networkChartView", () => {
  it("charts the months as given, difficulty in units of 10¹², a tick on each retarget's UTC day", () => {
    const view = networkChartView(answer);
    expect(view.periods).toEqual(["2021-06", "2021-07"]);
    expect(view.hashrateEh).toEqual([111.25, 97.82]);
    expect(view.difficulty).toEqual([19.932, 14.363]);
    expect(view.ticks).toEqual(["2021-06-13", "2021-07-03"]);
  });

  it("sums up the newest month with its source and the latest retarget", () => {
    const view = networkChartView(answer);
    expect(view.newest).toEqual({ period: "2021-07", month: "July 2021", hashrate: "97.8 EH/s", difficulty: "14.36 × 10¹²", source: "synced-network" });
    expect(view.retargets).toEqual({ count: 2, first: "June 13, 2021", latest: { day: "July 3, 2021", change: "-27.94%", height: 689472 } });
  });

  it("has nothing to sum up without data", () => {
    expect(networkChartView({ months: [], retargets: [] })).toMatchObject({ periods: [], newest: null, retargets: null });
  });
});
