"use client";

import { LazyTimeChart as TimeChart } from "@/components/charts/LazyTimeChart";
import { useMemo } from "react";
import { countryPanel } from "@/lib/view/country-panel";
import type { MetricsPrices } from "@/lib/view/dashboard";
import type { Country, Shocks } from "@/lib/validation/responses";
import { FactList } from "./FactList";

export function CountryPanel({
  country,
  shocks,
  metrics,
  period,
  loading,
  onClose,
  onSimulate,
}: {
  /** The selected country's answer (null until it is in). */
  country: Country | null;
  shocks: Shocks | null;
  metrics: MetricsPrices | null;
  period: string;
  loading: boolean;
  onClose: () => void;
  onSimulate: (iso2: string) => void;
}) {
  const panel = useMemo(() => (country ? countryPanel(country, period, shocks, metrics) : null), [country, period, shocks, metrics]);
  return (
    <aside className="panel country-panel" data-testid="country-panel" aria-labelledby="country-panel-title" aria-busy={loading}>
      <div className="panel-head">
        <h2 id="country-panel-title">{panel?.title ?? "Loading…"}</h2>
        <button type="button" className="button small" onClick={onClose} aria-label="Close the country panel">
          ✕
        </button>
      </div>
      {panel && (
        <>
          <FactList facts={panel.facts} />
          <TimeChart
            periods={panel.history.periods}
            series={[
              { label: "Share", unit: "%", values: panel.history.share, axis: "left" },
              { label: "Hashrate", unit: "EH/s", values: panel.history.eh, axis: "right" },
            ]}
            highlight={period}
            height={150}
            ariaLabel={`${panel.title}: share and hashrate over time`}
            testId="country-chart"
          />
          <h3>Power price</h3>
          {panel.price === "loading" ? (
            <p className="muted">Loading…</p>
          ) : panel.price ? (
            <p>
              {panel.price.text} —{" "}
              <a href={panel.price.sourceUrl} target="_blank" rel="noopener noreferrer">
                source
              </a>
            </p>
          ) : (
            <p className="muted">No price on record.</p>
          )}
          <h3>If {panel.title} shut mining down</h3>
          <button type="button" className="button small" onClick={() => onSimulate(panel.iso2)} data-testid="panel-simulate">
            Simulate over time →
          </button>
          {panel.shutdown ? (
            <FactList facts={panel.shutdown} testId="panel-shutdown" />
          ) : (
            <p className="muted">No share in this period: a shutdown changes nothing.</p>
          )}
          <h3>{panel.sitesHeading}</h3>
          {panel.sites.length > 0 ? (
            <ul className="site-list">
              {panel.sites.map((s) => (
                <li key={s.id}>
                  <a href={s.sourceUrl} target="_blank" rel="noopener noreferrer">
                    {s.name}
                  </a>{" "}
                  — {s.operator}, {s.capacity}, {s.status}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">None on record.</p>
          )}
          {panel.moreSites && (
            <p className="muted" data-testid="panel-more-sites">
              {panel.moreSites.text} — <a href={panel.moreSites.href}>list them all (JSON, page by page)</a>
            </p>
          )}
        </>
      )}
    </aside>
  );
}
