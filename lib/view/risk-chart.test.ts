import { describe, expect, it } from "vitest";
import { RISK_FIXTURE as r } from "./risk.fixture";
import { LOSS_CHART_SIZE, lossChart } from "./risk-chart";

describe("the loss distribution's chart", () => {
  const c = lossChart(r);
  const { plot } = c;
  const xOf = (loss: number) => plot.left + (loss / c.xMax) * (plot.right - plot.left);

  it("draws up to the next tenth past the p99 and the last visible bar, leaving a sub-0.01 % tail to the table", () => {
    // p99 = 30 %, the last bin of ≥ 0.01 % is 30–32 %: drawn to 40 %; the 32–34 % bin (0.002 %) only in the table.
    expect(c.xMax).toBe(0.4);
    expect(c.bars).toHaveLength(6);
    expect(c.table).toEqual([
      { range: "0%–2%", chance: "71.28%" },
      { range: "4%–6%", chance: "0.72%" },
      { range: "10%–12%", chance: "7.92%" },
      { range: "20%–22%", chance: "17.82%" },
      { range: "30%–32%", chance: "1.98%" },
      { range: "32%–34%", chance: "< 0.01%" },
    ]);
  });

  it("places each bar at its bin and sizes it by the square root of its chance, on a fixed 0–100 % axis", () => {
    const first = c.bars[0]!;
    expect(first.x).toBeCloseTo(plot.left, 2);
    expect(first.width).toBeCloseTo(xOf(0.02) - xOf(0) - 1, 1);
    expect(first.height).toBeCloseTo(Math.sqrt(0.7128) * (plot.bottom - plot.top), 1);
    expect(first.y + first.height).toBeCloseTo(plot.bottom, 2);
    expect(first.title).toBe("Loss 0%–2%: 71.28%");
    expect(c.yTicks.map((t) => t.label)).toEqual(["0%", "1%", "10%", "50%", "100%"]);
    expect(c.yTicks.at(-1)?.y).toBe(plot.top);
    expect(c.xTicks.map((t) => t.label)).toEqual(["0%", "10%", "20%", "30%", "40%"]);
    for (const bar of c.bars) expect(bar.x + bar.width).toBeLessThanOrEqual(plot.right);
  });

  it("marks each quantile at its loss, on its own row when labels would touch", () => {
    expect(c.markers.map((m) => [m.label, m.x])).toEqual([
      ["p50", plot.left],
      ["p90", Number(xOf(0.1).toFixed(2))],
      ["p95", Number(xOf(0.2).toFixed(2))],
      ["p99", Number(xOf(0.3).toFixed(2))],
    ]);
    expect(new Set(c.markers.map((m) => m.labelY)).size).toBe(1);
    const close = lossChart({ ...r, lostShareQuantiles: { p50: 0, p90: 0, p95: 0.01, p99: 0.02 } });
    expect(close.markers.map((m) => m.label)).toEqual(["p50, p90", "p95", "p99"]);
    const rows = close.markers.map((m) => m.labelY);
    expect(new Set(rows).size).toBe(3);
    for (const y of rows) expect(y).toBeGreaterThan(0);
    expect(close.xMax).toBe(0.4);
    expect(c.summary).toMatch(
      /^Chance of each loss of network hashrate, 0 to 40%, in bins of 2% \(square-root scale\)\. Quantiles: p50: 0% lost; p90: 10.00% lost/,
    );
  });

  it("draws a loss of everything to 100 %", () => {
    const all = lossChart({
      histogram: { binWidth: 0.02, probabilities: [...Array<number>(49).fill(0), 1] },
      lostShareQuantiles: { p50: 1, p90: 1, p95: 1, p99: 1 },
    });
    expect(all.xMax).toBe(1);
    expect(all.bars).toEqual([
      {
        x: LOSS_CHART_SIZE.width - 10 - (all.plot.right - all.plot.left) / 50,
        y: all.plot.top,
        width: expect.any(Number),
        height: all.plot.bottom - all.plot.top,
        title: "Loss 98%–100%: 100%",
      },
    ]);
    expect(all.markers).toHaveLength(1);
    expect(all.markers[0]?.x).toBe(all.plot.right);
  });
});
