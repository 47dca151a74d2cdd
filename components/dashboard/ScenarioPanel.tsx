"use client";

import { useId, useMemo, useState } from "react";
import { LazyTimeChart as TimeChart } from "@/components/charts/LazyTimeChart";
import { MAX_BLOCKS_INTO_EPOCH, MAX_HORIZON_DAYS, MIN_HORIZON_DAYS } from "@/lib/scenario/limits";
import { scenarioDate } from "@/lib/scenario/scenario";
import type { SimulateResult as Result } from "@/lib/validation/responses";
import { apiUrls } from "@/lib/view/api-urls";
import { scenarioCsvRows, scenarioView } from "@/lib/view/scenario-panel";
import type { DashboardState, ScenarioItem } from "@/lib/view/url-state-core";
import { FactList } from "./FactList";

export type BlocOption = { id: string; name: string; members: string[] };

function download(name: string, type: string, content: string) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/** The shutdown simulator: what goes dark, how, and what happens to the network. */
export function ScenarioPanel(props: {
  state: DashboardState;
  update: (patch: Partial<DashboardState>) => void;
  countries: { iso2: string; name: string }[];
  blocs: BlocOption[];
  period: string;
  result: Result | null;
  /** Country names, for the panel's text. */
  names: ReadonlyMap<string, string>;
  loading: boolean;
  error: string | null;
}) {
  const { state, update, countries, blocs, period, result, names } = props;
  const view = useMemo(() => (result ? scenarioView(result, names) : null), [result, names]);
  const [query, setQuery] = useState("");
  const listId = useId();
  const nameOf = (id: string) => countries.find((c) => c.iso2 === id)?.name ?? blocs.find((b) => b.id === id)?.name ?? id;
  const setItems = (shutdown: ScenarioItem[]) => update({ shutdown, simulate: true });
  const add = (id: string) => {
    if (!state.shutdown.some((i) => i.id === id)) setItems([...state.shutdown, { id, fraction: 1 }]);
  };
  const addFromQuery = () => {
    const q = query.trim().toLowerCase();
    const match =
      countries.find((c) => c.name.toLowerCase() === q || c.iso2.toLowerCase() === q) ??
      blocs.find((b) => b.id.toLowerCase() === q || b.name.toLowerCase() === q);
    if (match) {
      add("iso2" in match ? match.iso2 : match.id);
      setQuery("");
    }
  };
  const migration = state.migration ?? { fraction: 0, days: 90, delayDays: 30, weighting: "proportional" as const };
  const stamp = `${period}-${state.shutdown.map((i) => i.id).join("-") || "none"}`;

  return (
    <section className="panel scenario-panel" data-testid="scenario-panel" aria-labelledby="scenario-title" aria-busy={props.loading}>
      <div className="panel-head">
        <h2 id="scenario-title">Simulate a shutdown</h2>
        <button
          type="button"
          className="button small"
          onClick={() => update({ shutdown: [], simulate: false, migration: null })}
          aria-label="Close the simulator"
        >
          ✕
        </button>
      </div>
      <p className="muted">Click a country on the map to shut it down; shift-click to add more. Or pick from the list or a bloc.</p>

      <div className="scenario-pick">
        <label className="control">
          <span className="label">Add a country or bloc</span>
          <span className="inline">
            <input
              list={listId}
              value={query}
              placeholder="e.g. Kazakhstan"
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => e.key === "Enter" && addFromQuery()}
              data-testid="scenario-search"
            />
            <button type="button" className="button" onClick={addFromQuery}>
              Add
            </button>
          </span>
          <datalist id={listId}>
            {countries.map((c) => (
              <option key={c.iso2} value={c.name} />
            ))}
            {blocs.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </datalist>
        </label>
        <div className="bloc-presets" role="group" aria-label="Bloc presets">
          {blocs.map((b) => (
            <button
              key={b.id}
              type="button"
              className="chip"
              title={`${b.name}: ${b.members.join(", ")}`}
              onClick={() => add(b.id)}
              data-testid={`bloc-${b.id}`}
            >
              {b.id}
            </button>
          ))}
        </div>
      </div>

      {state.shutdown.length > 0 && (
        <ul className="scenario-items" data-testid="scenario-items">
          {state.shutdown.map((item) => (
            <li key={item.id}>
              <span className="item-name">{nameOf(item.id)}</span>
              <label className="fraction">
                <span className="visually-hidden">Share of {nameOf(item.id)} that goes dark</span>
                <input
                  type="range"
                  min={0}
                  max={100}
                  step={5}
                  value={Math.round(item.fraction * 100)}
                  onChange={(e) => setItems(state.shutdown.map((i) => (i.id === item.id ? { ...i, fraction: Number(e.target.value) / 100 } : i)))}
                />
                <output>{Math.round(item.fraction * 100)} %</output>
              </label>
              <button
                type="button"
                className="button small"
                aria-label={`Remove ${nameOf(item.id)}`}
                onClick={() => setItems(state.shutdown.filter((i) => i.id !== item.id))}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}

      <details className="scenario-options">
        <summary>Timing and migration</summary>
        <div className="options-grid">
          <label className="control">
            <span className="label">Blocks into the epoch (0–{MAX_BLOCKS_INTO_EPOCH})</span>
            <input
              type="number"
              min={0}
              max={MAX_BLOCKS_INTO_EPOCH}
              value={state.blocksIntoEpoch}
              onChange={(e) => update({ blocksIntoEpoch: Math.max(0, Math.min(MAX_BLOCKS_INTO_EPOCH, Math.round(Number(e.target.value) || 0))) })}
            />
          </label>
          <label className="control">
            <span className="label">Horizon (days)</span>
            <input
              type="number"
              min={MIN_HORIZON_DAYS}
              max={MAX_HORIZON_DAYS}
              value={state.horizonDays}
              onChange={(e) =>
                update({ horizonDays: Math.max(MIN_HORIZON_DAYS, Math.min(MAX_HORIZON_DAYS, Math.round(Number(e.target.value) || MIN_HORIZON_DAYS))) })
              }
            />
          </label>
          <label className="control">
            <span className="label">Lost hashrate that migrates (%)</span>
            <input
              type="number"
              min={0}
              max={100}
              step={5}
              value={Math.round(migration.fraction * 100)}
              onChange={(e) => update({ migration: { ...migration, fraction: Math.max(0, Math.min(100, Number(e.target.value) || 0)) / 100 } })}
              data-testid="migration-fraction"
            />
          </label>
          <label className="control">
            <span className="label">Migration starts after (days)</span>
            <input
              type="number"
              min={0}
              max={MAX_HORIZON_DAYS}
              value={migration.delayDays}
              onChange={(e) => update({ migration: { ...migration, delayDays: Math.max(0, Math.round(Number(e.target.value) || 0)) } })}
            />
          </label>
          <label className="control">
            <span className="label">…and takes (days)</span>
            <input
              type="number"
              min={0}
              max={MAX_HORIZON_DAYS}
              value={migration.days}
              onChange={(e) => update({ migration: { ...migration, days: Math.max(0, Math.round(Number(e.target.value) || 0)) } })}
            />
          </label>
          <label className="control">
            <span className="label">Goes to</span>
            <select
              value={migration.weighting}
              onChange={(e) => update({ migration: { ...migration, weighting: e.target.value === "cheap-power" ? "cheap-power" : "proportional" } })}
            >
              <option value="proportional">survivors, by share</option>
              <option value="cheap-power">survivors, by share ÷ power price</option>
            </select>
          </label>
        </div>
      </details>

      {props.error && (
        <p role="alert" className="error">
          {props.error}
        </p>
      )}
      {view && result && (
        <div className="scenario-results" data-testid="scenario-results">
          <p className="headline" data-testid="sim-headline">
            {view.headline}
          </p>
          {view.majorityWarning && (
            <p className="warning" role="alert" data-testid="sim-majority">
              ⚠ {view.majorityWarning}
            </p>
          )}
          <table className="data">
            <caption>Before → right after → at day {result.horizonDays}</caption>
            <thead>
              <tr>
                <th scope="col">Metric</th>
                <th scope="col" className="num">
                  Before
                </th>
                <th scope="col" className="num">
                  After
                </th>
                <th scope="col" className="num">
                  Day {result.horizonDays}
                </th>
              </tr>
            </thead>
            <tbody>
              {view.rows.map((r) => (
                <tr key={r.label}>
                  <th scope="row">{r.label}</th>
                  <td className="num">{r.before}</td>
                  <td className="num">{r.after}</td>
                  <td className="num">{r.end}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <FactList facts={view.facts} />
          <TimeChart
            periods={view.chart.days.map((d) => scenarioDate(period, d))}
            series={[
              { label: "Hashrate", unit: "EH/s", values: view.chart.hashrate, axis: "left" },
              { label: "Block interval", unit: "min", values: view.chart.interval, axis: "right" },
            ]}
            markers={view.chart.retargets.map((t) => ({ x: scenarioDate(period, t.day), label: t.label }))}
            height={220}
            ariaLabel="Simulated hashrate and block interval by day, with retargets marked"
            testId="scenario-chart"
          />
          <div className="export-buttons">
            <button
              type="button"
              className="button"
              onClick={() => download(`hashatlas-scenario-${stamp}.json`, "application/json", JSON.stringify(result, null, 2))}
              data-testid="export-json"
            >
              Export scenario (JSON)
            </button>
            <button
              type="button"
              className="button"
              data-testid="export-csv"
              onClick={() => {
                void import("csv-stringify/browser/esm/sync").then(({ stringify }) => {
                  download(`hashatlas-scenario-${stamp}.csv`, "text/csv;charset=utf-8", stringify(scenarioCsvRows(result)));
                });
              }}
            >
              Export timeline (CSV)
            </button>
            <a className="button" download href={apiUrls.scenarioCsv(state, result.dataset, period)} data-testid="export-api-csv">
              CSV with sources (API)
            </a>
          </div>
        </div>
      )}
    </section>
  );
}
