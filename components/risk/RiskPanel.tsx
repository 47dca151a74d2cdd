"use client";

import { useEffect, useMemo } from "react";
import { Downloads } from "@/components/dashboard/Downloads";
import { FactList } from "@/components/dashboard/FactList";
import { formatRiskEvents, RISK_PARAMS } from "@/lib/risk/link";
import type { Scale } from "@/lib/colors/scale";
import type { LayerView } from "@/lib/view/map-layers";
import { riskContributions, riskDefaultsRequest, riskFigures, riskLayer, riskRequest, riskRows, setRiskProbability } from "@/lib/view/risk";
import { lossChart } from "@/lib/view/risk-chart";
import type { DashboardState } from "@/lib/view/url-state-core";
import { Contributions } from "./Contributions";
import { LossChart } from "./LossChart";
import { ProbabilityTable } from "./ProbabilityTable";
import styles from "./risk.module.css";
import { useRisk } from "./useRisk";

/** Edits wait this long for the next keystroke before they are sent. */
const EDIT_DELAY_MS = 300;

/**
 * The risk view's panel: the events' probabilities (defaults first asked of the server, then the
 * user's in their place), the headline figures, the loss distribution and who contributes most.
 * It hands the map layer of the answer shown to the dashboard, which paints the map with it.
 */
export function RiskPanel(props: {
  state: Pick<DashboardState, "riskEvents" | "country">;
  update: (patch: Partial<DashboardState>) => void;
  dataset: string;
  period: string;
  names: ReadonlyMap<string, string>;
  /** The map's colour scale for the layer. */
  scale: Scale;
  onLayer: (layer: LayerView | null, loading: boolean) => void;
}) {
  const { state, update, dataset, period, names, scale, onLayer } = props;
  const defaults = useRisk(period ? riskDefaultsRequest(dataset, period) : null);
  // The defaults' answer for another month must not become this month's events.
  const defaultEvents = defaults.data && defaults.data.period === period && defaults.data.dataset === dataset ? defaults.data.events : null;
  const request = useMemo(() => riskRequest(dataset, period, defaultEvents, state.riskEvents), [dataset, period, defaultEvents, state.riskEvents]);
  const custom = useRisk(request, EDIT_DELAY_MS);
  const answer = request ? custom : defaults;
  const loading = defaults.loading || custom.loading;
  const error = defaults.error ?? custom.error;

  // Another month's answer (while this month's loads) paints nothing.
  const layer = useMemo(() => riskLayer(answer.data?.period === period ? answer.data : null, scale), [answer.data, period, scale]);
  useEffect(() => onLayer(layer, loading), [layer, loading, onLayer]);
  useEffect(() => () => onLayer(null, true), [onLayer]);

  const rows = useMemo(() => (defaultEvents ? riskRows(defaultEvents, state.riskEvents, answer.data) : []), [defaultEvents, state.riskEvents, answer.data]);
  const figures = useMemo(() => (answer.data ? riskFigures(answer.data) : null), [answer.data]);
  const chart = useMemo(() => (answer.data ? lossChart(answer.data) : null), [answer.data]);
  const top = useMemo(() => (answer.data ? riskContributions(answer.data, names) : null), [answer.data, names]);
  const changed = state.riskEvents.length > 0;

  return (
    <section className={`panel ${styles.panel}`} data-testid="risk-panel" aria-labelledby="risk-title" aria-busy={loading}>
      <div className="panel-head">
        <h2 id="risk-title">Jurisdiction risk</h2>
        <button type="button" className="button small" onClick={() => update({ layer: "share" })} aria-label="Close the risk view">
          ✕
        </button>
      </div>
      <p className="muted">
        Each event happens with its probability within the horizon, independently; a bloc takes all its members at once. The defaults come from the record of
        past bans, restrictions and blackouts: a starting point to change, not a forecast. <a href="/methodology#jurisdiction-risk">How it is computed</a>.
      </p>
      {error && (
        <p role="alert" className="error">
          Could not assess the risk: {error}
        </p>
      )}
      {figures && (
        <p className="headline" data-testid="risk-headline">
          {figures.headline}
        </p>
      )}

      <div className={styles.tableHead}>
        <h3 className={styles.h3}>Events</h3>
        {changed && (
          <button type="button" className="button small" onClick={() => update({ riskEvents: [] })} data-testid="risk-reset-all">
            Reset all to defaults
          </button>
        )}
      </div>
      {defaultEvents ? (
        <ProbabilityTable
          rows={rows}
          selected={state.country}
          onSet={(row, probability) => update({ riskEvents: setRiskProbability(state.riskEvents, row, probability) })}
        />
      ) : (
        !error && <p className="muted">Loading the default probabilities…</p>
      )}

      {chart && (
        <>
          <h3 className={styles.h3}>Loss distribution</h3>
          <LossChart chart={chart} />
        </>
      )}
      {figures && (
        <>
          <FactList facts={figures.facts} testId="risk-figures" />
          <p className={styles.method} data-testid="risk-method">
            {figures.method}
          </p>
        </>
      )}
      {top && <Contributions events={top.events} countries={top.countries} />}
      {answer.data && (
        <Downloads
          what="risk"
          // The file of exactly these events: the defaults' when none is changed, else every event as sent.
          params={{ dataset, period, ...(request ? { [RISK_PARAMS.events]: formatRiskEvents(request.events) } : {}) }}
          label="this assessment (events, countries, figures)"
          testId="download-risk"
        />
      )}
    </section>
  );
}
