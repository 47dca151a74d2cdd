"use client";

import { type DashboardState, LAYERS, type Layer } from "@/lib/view/url-state-core";
import type { DatasetOption } from "./Dashboard";
import { PeriodControl } from "./PeriodControl";

export const LAYER_LABELS: Record<Layer, string> = {
  share: "Hash share",
  price: "Power price",
  cost: "Cost per BTC",
  sites: "Mining sites",
  risk: "Risk",
};

/** What the map shows: the dataset, the month, the layer, the simulator switch and the cost layer's inputs. */
export function MapControls(props: {
  state: DashboardState;
  update: (patch: Partial<DashboardState>) => void;
  datasets: DatasetOption[];
  /** The dataset and month shown (the URL's, or the defaults when it names none that exists). */
  slug: string;
  periods: string[];
  period: string;
}) {
  const { state, update, datasets, slug, periods, period } = props;
  return (
    <div className="controls" role="group" aria-label="What the map shows">
      <label className="control">
        <span className="label">Dataset</span>
        <select value={slug} onChange={(e) => update({ dataset: e.target.value, period: null })} data-testid="dataset-select">
          {datasets.map((d) => (
            <option key={d.slug} value={d.slug}>
              {d.title}
            </option>
          ))}
        </select>
      </label>
      <PeriodControl periods={periods} value={period} onChange={(p) => update({ period: p })} />
      <label
        className={state.network === "latest" ? "chip network-toggle active" : "chip network-toggle"}
        title="Multiply the month's shares by the newest month of network hashrate: EH/s at today's network size"
      >
        <input
          type="checkbox"
          checked={state.network === "latest"}
          onChange={(e) => update({ network: e.target.checked ? "latest" : "period" })}
          data-testid="network-latest"
        />
        Apply to the latest network hashrate
      </label>
      <fieldset className="layer-control">
        <legend className="label">Layer</legend>
        {LAYERS.map((l) => (
          <label key={l} className={state.layer === l ? "chip active" : "chip"}>
            <input type="radio" name="layer" value={l} checked={state.layer === l} onChange={() => update({ layer: l })} data-testid={`layer-${l}`} />
            {LAYER_LABELS[l]}
          </label>
        ))}
      </fieldset>
      <button
        type="button"
        className={state.simulate ? "button active" : "button"}
        aria-pressed={state.simulate}
        onClick={() => update({ simulate: !state.simulate, shutdown: state.simulate ? [] : state.shutdown })}
        data-testid="simulate-toggle"
      >
        ⚡ Simulate a shutdown
      </button>
      {state.layer === "cost" && (
        <div className="cost-inputs">
          <label className="control">
            <span className="label">Fleet efficiency (J/TH)</span>
            <input
              type="number"
              min={1}
              max={200}
              step={0.1}
              value={state.efficiency}
              onChange={(e) => Number(e.target.value) >= 1 && update({ efficiency: Number(e.target.value) })}
              data-testid="efficiency"
            />
          </label>
          <label className="control">
            <span className="label">Bitcoin price (USD)</span>
            <input
              type="number"
              min={1}
              step={1000}
              value={state.btcPrice}
              onChange={(e) => Number(e.target.value) >= 1 && update({ btcPrice: Number(e.target.value) })}
              data-testid="btc-price"
            />
          </label>
        </div>
      )}
    </div>
  );
}
