import { countryNames } from "../db/reference";
import { riskRows, type Row } from "../io/export";
import { RISK_PARAMS } from "../risk/limits";
import { formatRiskEvents, type RiskSettings } from "../risk/schema";
import { datasetSlugs } from "./datasets";
import { assessRisk } from "./risk";

// GET /api/export?what=risk: the assessment the query describes (its parameters read by lib/risk's
// grammar), the same answer as POST /api/risk: the events and the countries as rows, the figures in
// the metadata.

export async function gatherRisk(settings: RiskSettings, slug: string, period: string | undefined) {
  const [{ result, heuristics }, names] = await Promise.all([assessRisk({ dataset: slug, period, ...settings }), countryNames()]);
  const { events, contributions: _contributions, ...figures } = result;
  const R = RISK_PARAMS;
  const rows: Row[] = riskRows(result, heuristics, names);
  return {
    rows,
    query: {
      what: "risk",
      dataset: slug,
      period: result.period,
      [R.events]: settings.events.length > 0 ? formatRiskEvents(settings.events) : null,
      [R.draws]: settings.draws,
      [R.seed]: settings.seed,
      [R.horizonDays]: settings.horizonDays,
      [R.blocksIntoEpoch]: settings.blocksIntoEpoch,
    },
    file: { dataset: slug, period: result.period, extra: settings.events.length > 0 ? events.map((e) => e.id).join("-") : "defaults" },
    risk: figures,
    sources: async () => [
      // The shares only: the network hashrate plays no part.
      ...new Set([slug, result.source.dataset]),
      ...(events.some((e) => e.kind === "bloc") ? await datasetSlugs("blocs") : []),
      ...(events.some((e) => e.isDefault) ? await datasetSlugs("shocks") : []),
    ],
  };
}
