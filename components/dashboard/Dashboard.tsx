"use client";

import { useCallback, useMemo, useState } from "react";
import { LazyTimeChart as TimeChart } from "@/components/charts/LazyTimeChart";
import { WorldMap } from "@/components/map/WorldMap";
import type { Dataset } from "@/lib/validation/responses";
import { apiUrls, networkParam } from "@/lib/view/api-urls";
import { countryRows, estimateNote, summaryCards } from "@/lib/view/dashboard";
import { scenarioRequest } from "@/lib/scenario/scenario";
import { scenarioShareValues, shutCountries } from "@/lib/view/scenario";
import { formatPeriod } from "@/lib/view/format";
import type { LayerScales } from "@/lib/colors/layer-scales";
import { type LayerView, layerView } from "@/lib/view/map-layers";
import type { MapBounds } from "@/lib/view/site-view";
import type { DashboardState, Layer, MapView } from "@/lib/view/url-state-core";
import { CountryTable } from "./CountryTable";
import { Downloads, MapPngButton } from "./Downloads";
import { EstimateAge, EstimateSource } from "./EstimateNote";
import { Legend } from "./Legend";
import { LAYER_LABELS, MapControls } from "./MapControls";
import type { BlocOption } from "./ScenarioPanel";
import { ShockTable } from "./ShockTable";
import { SummaryCards } from "./SummaryCards";
import { RenderedAnswers, useJson } from "./useJson";
import { useSimulation } from "./useSimulation";
import type { SiteLayer } from "./useSiteLayer";
import { CountryPanel, RiskPanel, ScenarioPanel, SITES_LOADING, SITES_OFF, SiteLayerSource } from "./lazy-parts";
import { useUrlState } from "./useUrlState";

export type DatasetOption = Pick<Dataset, "slug" | "title" | "periods">;

export type DashboardInitial = {
  state: DashboardState;
  /** Colour scales, computed on the server (the colour library stays out of the browser bundle). */
  scales: LayerScales;
  datasets: DatasetOption[];
  countryNames: [string, string][];
  blocs: BlocOption[];
  /** First answers, keyed by the URL the client would fetch them from. */
  answers: [string, unknown][];
};

const TITLES: Record<Layer, string> = {
  share: "Share of Bitcoin hashrate by country",
  price: "Electricity prices where Bitcoin is mined",
  cost: "Electricity cost of one bitcoin by country",
  sites: "Large Bitcoin mining sites",
  risk: "Jurisdiction risk: expected hashrate lost by country",
};

/** The server-rendered first answers reach the data hooks through this render's context, never module state. */
export function Dashboard({ initial }: { initial: DashboardInitial }) {
  const answers = useMemo(() => new Map(initial.answers), [initial.answers]);
  return (
    <RenderedAnswers.Provider value={answers}>
      <DashboardView initial={initial} />
    </RenderedAnswers.Provider>
  );
}

/**
 * The dashboard: owns the URL state and the data requests, and hands ready-made values to the
 * map, cards, chart, panel and table (which do no arithmetic of their own).
 */
function DashboardView({ initial }: { initial: DashboardInitial }) {
  const [state, update] = useUrlState(initial.state);
  const names = useMemo(() => new Map(initial.countryNames), [initial.countryNames]);
  const dataset = initial.datasets.find((d) => d.slug === state.dataset) ?? initial.datasets[0];
  const periods = useMemo(() => dataset?.periods ?? [], [dataset]);
  const period = state.period && periods.includes(state.period) ? state.period : (periods.at(-1) ?? "");
  const slug = dataset?.slug ?? state.dataset;

  const distribution = useJson(period ? apiUrls.distribution(slug, period, state.network) : null, "DistributionResponse");
  const metrics = useJson(period ? apiUrls.metrics(slug, period, state.efficiency, state.network) : null, "MetricsResponse");
  const shocks = useJson(period ? apiUrls.shocks(slug, period, state.network) : null, "ShocksResponse");
  const series = useJson(apiUrls.series(slug), "SeriesResponse");
  const events = useJson(apiUrls.events(), "ShockEventsResponse");
  // The map reports what it shows; the sites layer asks for that.
  const [mapBounds, setMapBounds] = useState<MapBounds | null>(null);
  const [siteLayer, setSiteLayer] = useState<SiteLayer | null>(null);
  // Until its code has loaded, the sites layer is loading.
  const sites: SiteLayer = state.layer !== "sites" ? SITES_OFF : (siteLayer ?? SITES_LOADING);
  const country = useJson(state.country ? apiUrls.country(state.country, slug) : null, "CountryResponse");

  // The risk layer is the risk panel's (it loads with the risk view, and asks for the answer).
  const [risk, setRisk] = useState<{ layer: LayerView | null; loading: boolean }>({ layer: null, loading: true });
  const onRiskLayer = useCallback((layer: LayerView | null, loading: boolean) => setRisk({ layer, loading }), []);
  const layer = useMemo(
    () =>
      state.layer === "risk"
        ? risk.layer
        : distribution.data && layerView(state.layer, { distribution: distribution.data, metrics: metrics.data, btcPriceUsd: state.btcPrice }, initial.scales),
    [state.layer, risk.layer, distribution.data, metrics.data, state.btcPrice, initial.scales],
  );
  const simulationRequest = useMemo(() => (state.shutdown.length > 0 && period ? scenarioRequest(state, slug, period) : null), [state, slug, period]);
  const simulation = useSimulation(simulationRequest);
  const shutdownIso2 = useMemo(() => (simulationRequest ? shutCountries(simulation.data) : []), [simulationRequest, simulation.data]);
  const mapValues = useMemo(
    () =>
      state.layer === "share" && simulationRequest && simulation.data && distribution.data
        ? scenarioShareValues(simulation.data, distribution.data.countries)
        : (layer?.values ?? []),
    [state.layer, simulationRequest, simulation.data, distribution.data, layer],
  );
  const countryOptions = useMemo(
    () => initial.countryNames.map(([iso2, name]) => ({ iso2, name })).sort((a, b) => a.name.localeCompare(b.name, "en")),
    [initial.countryNames],
  );
  const rows = useMemo(
    () => (distribution.data ? countryRows(distribution.data, metrics.data, shocks.data) : []),
    [distribution.data, metrics.data, shocks.data],
  );
  const note = useMemo(() => (distribution.data ? estimateNote(distribution.data) : null), [distribution.data]);
  const networkParams = networkParam(state.network);
  const markers = useMemo(
    () => (events.data?.events ?? []).filter((e) => periods.includes(e.date.slice(0, 7))).map((e) => ({ x: e.date.slice(0, 7), label: e.title })),
    [events.data, periods],
  );

  const onViewChange = useCallback((view: MapView) => update({ view }), [update]);
  // Plain click opens the country; in the simulator it shuts the country down (shift-click adds).
  const onCountryClick = useCallback(
    (iso2: string, { shiftKey }: { shiftKey: boolean }) => {
      if (!state.simulate && !shiftKey) {
        update({ country: iso2 });
        return;
      }
      const has = state.shutdown.some((i) => i.id === iso2);
      const shutdown = shiftKey
        ? has
          ? state.shutdown.filter((i) => i.id !== iso2)
          : [...state.shutdown, { id: iso2, fraction: 1 }]
        : [{ id: iso2, fraction: 1 }];
      update({ shutdown, simulate: true });
    },
    [update, state.simulate, state.shutdown],
  );
  const simulateOne = useCallback((id: string) => update({ shutdown: [{ id, fraction: 1 }], simulate: true }), [update]);
  const busy =
    distribution.loading || (state.layer !== "share" && metrics.loading) || sites.loading || simulation.loading || (state.layer === "risk" && risk.loading);
  const error = distribution.error ?? metrics.error ?? shocks.error ?? null;

  return (
    <div className="dashboard">
      <div className="title-row">
        <h1>
          {TITLES[state.layer]}, {formatPeriod(period)}
        </h1>
        <EstimateAge note={note} />
      </div>
      <MapControls state={state} update={update} datasets={initial.datasets} slug={slug} periods={periods} period={period} />

      {error && (
        <p role="alert" className="error">
          Could not load the data: {error}
        </p>
      )}

      <SummaryCards cards={metrics.data ? summaryCards(metrics.data, names) : PLACEHOLDER_CARDS} loading={metrics.loading} />

      <div className={state.country || state.simulate || state.layer === "risk" ? "map-row with-panel" : "map-row"}>
        <div className="map-column">
          <WorldMap
            values={mapValues}
            scale={layer?.scale ?? null}
            label={`${LAYER_LABELS[state.layer]} by country, ${formatPeriod(period)}`}
            noDataTooltip={layer?.noDataLabel.toLowerCase() ?? "no data"}
            sites={state.layer === "sites" ? sites.features : null}
            selected={state.country}
            shutdown={shutdownIso2}
            initialView={state.view}
            busy={busy}
            onViewChange={onViewChange}
            onBoundsChange={setMapBounds}
            onCountryClick={onCountryClick}
          />
          {state.layer === "sites" && <SiteLayerSource view={mapBounds} onChange={setSiteLayer} />}
          {layer && <Legend layer={layer} showSites={state.layer === "sites"} />}
          <EstimateSource note={note} testId="map-source" />
          <div className="map-downloads">
            <MapPngButton filename={`hashatlas-${state.layer}-${slug}-${period}.png`} />
            {state.layer === "sites" ? (
              <Downloads what="sites" params={{}} label="the sites" testId="download-map-data" />
            ) : (
              <Downloads
                what="distribution"
                params={{ dataset: slug, period, efficiency: String(state.efficiency), ...networkParams }}
                label="the data behind the map"
                testId="download-map-data"
              />
            )}
          </div>
        </div>
        {state.simulate ? (
          <ScenarioPanel
            state={state}
            update={update}
            countries={countryOptions}
            blocs={initial.blocs}
            period={period}
            result={simulation.data}
            names={names}
            loading={simulation.loading}
            error={simulation.error}
          />
        ) : state.layer === "risk" ? (
          <RiskPanel state={state} update={update} dataset={slug} period={period} names={names} scale={initial.scales.risk} onLayer={onRiskLayer} />
        ) : (
          state.country && (
            <CountryPanel
              country={country.data?.iso2 === state.country ? country.data : null}
              shocks={shocks.data}
              metrics={metrics.data}
              period={period}
              loading={country.loading}
              onClose={() => update({ country: null })}
              onSimulate={simulateOne}
            />
          )
        )}
      </div>

      <section className="panel" aria-labelledby="over-time">
        <h2 id="over-time">Concentration over time — {dataset?.title}</h2>
        <TimeChart
          periods={(series.data?.rows ?? []).map((r) => r.period)}
          series={[
            { label: "HHI", unit: "0–10 000", values: (series.data?.rows ?? []).map((r) => r.hhi), axis: "left" },
            { label: "Nakamoto coefficient", unit: "countries", values: (series.data?.rows ?? []).map((r) => r.nakamoto), axis: "right", step: true },
          ]}
          markers={markers}
          highlight={period}
          height={240}
          ariaLabel="HHI and Nakamoto coefficient by month, with historical shocks marked"
          testId="time-chart"
          onSelect={(p) => update({ period: p })}
        />
        <Downloads what="series" params={{ dataset: slug, period: "all" }} label="the concentration series" testId="download-series" />
      </section>

      <section className="panel" aria-labelledby="hurts-title">
        <h2 id="hurts-title">Which shutdown hurts most — {formatPeriod(period)}</h2>
        <ShockTable rows={shocks.data?.rows ?? []} onSimulate={simulateOne} />
        <Downloads what="shocks" params={{ dataset: slug, period, ...networkParams }} label="this table" testId="download-shocks" />
      </section>

      <section className="panel" aria-labelledby="table-title">
        <h2 id="table-title">By country, {formatPeriod(period)}</h2>
        <CountryTable
          rows={rows}
          caption={`Hashrate by country, ${formatPeriod(period)} (${distribution.data?.source.title ?? dataset?.title ?? ""})`}
          onSelect={(iso2) => update({ country: iso2 })}
        />
        <EstimateSource note={note} testId="table-source" withMethod />
        <Downloads
          what="distribution"
          params={{ dataset: slug, period, efficiency: String(state.efficiency), ...networkParams }}
          label="this table"
          testId="download-table"
        />
        <Downloads
          what="metrics"
          params={{ dataset: slug, period, efficiency: String(state.efficiency), ...networkParams }}
          label="the concentration metrics of this month"
          testId="download-metrics"
        />
      </section>
    </div>
  );
}

const PLACEHOLDER_CARDS = ["HHI", "Nakamoto coefficient", "Effective jurisdictions", "Top country", "Network hashrate"].map((label) => ({
  label,
  value: "…",
  detail: "loading",
  testId: `card-${label}`,
}));
