"use client";

import { useMemo } from "react";
import { Downloads } from "@/components/dashboard/Downloads";
import { useJson } from "@/components/dashboard/useJson";
import { apiUrls } from "@/lib/view/api-urls";
import { DIFFICULTY_UNIT, networkChartView } from "@/lib/view/network-chart";
import { LazyTimeChart as TimeChart } from "./LazyTimeChart";

const HEIGHT = 260;

/**
 * Network hashrate and mean difficulty by month, with a tick per difficulty retarget, from
 * /api/network (parsed with its response schema); a text summary names the newest month and where
 * it comes from, and the figures can be downloaded.
 */
export function NetworkChart() {
  const { data, error } = useJson(apiUrls.network(), "NetworkResponse");
  const view = useMemo(() => (data ? networkChartView(data) : null), [data]);
  const series = useMemo(
    () =>
      view
        ? [
            { label: "Network hashrate", unit: "EH/s", values: view.hashrateEh, axis: "left" as const },
            { label: "Mean difficulty", unit: DIFFICULTY_UNIT, values: view.difficulty, axis: "right" as const },
          ]
        : [],
    [view],
  );

  return (
    <figure data-testid="network-figure" style={{ margin: 0 }}>
      {error ? (
        <p role="alert" style={{ minHeight: HEIGHT }}>
          The network figures could not be loaded: {error}
        </p>
      ) : view ? (
        <TimeChart
          periods={view.periods}
          series={series}
          ticks={view.ticks}
          height={HEIGHT}
          ariaLabel="Network hashrate (EH/s) and mean difficulty by month; each difficulty retarget is a tick along the bottom"
          testId="network-chart"
        />
      ) : (
        <p className="muted chart-loading" style={{ minHeight: HEIGHT }}>
          Loading network figures…
        </p>
      )}
      <figcaption data-testid="network-summary" data-period={view?.newest?.period} aria-live="polite">
        {view?.newest ? (
          <>
            Newest month: <strong>{view.newest.month}</strong>, {view.newest.hashrate} at a mean difficulty of {view.newest.difficulty} (source:{" "}
            <code>{view.newest.source}</code>).
            {view.retargets && (
              <>
                {" "}
                Ticks along the bottom mark the {view.retargets.count} retargets from {view.retargets.first}; the latest, at block{" "}
                {view.retargets.latest.height} on {view.retargets.latest.day}, changed difficulty by {view.retargets.latest.change}.
              </>
            )}
          </>
        ) : view ? (
          "No network data is loaded."
        ) : null}
      </figcaption>
      <Downloads what="network" params={{}} label="the months and retargets" testId="download-network" />
      <p className="downloads">
        <span className="muted">As the API answers it:</span> <a href={apiUrls.network()}>/api/network</a> (JSON; <code>from</code>/<code>to</code> narrow it to
        months, see the <a href="/api-docs">API</a>)
      </p>
    </figure>
  );
}
