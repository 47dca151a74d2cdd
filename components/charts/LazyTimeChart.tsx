"use client";

import dynamic from "next/dynamic";
import type { TimeChartProps } from "./TimeChart";

// The chart's code (and uPlot) load after the first paint; the box keeps its final height meanwhile,
// so nothing below it moves.
const Chart = dynamic(() => import("./TimeChart").then((m) => m.TimeChart), {
  ssr: false,
  loading: () => <p className="muted chart-loading">Loading chart…</p>,
});

export function LazyTimeChart(props: TimeChartProps) {
  return (
    <div style={{ minHeight: props.height }}>
      <Chart {...props} />
    </div>
  );
}
