import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { POST as riskPOST } from "@/app/api/risk/route";
import { ExportJsonResponse, ExportMetadata } from "@/lib/validation/export";
import { RiskResponse } from "@/lib/validation/responses";
import { post } from "@/tests/support/api";
import { GET } from "./route";

// what=risk beyond the row-by-row check of route.test.ts: the figures in the metadata are the API's,
// the defaults are labelled with where they come from, and a Monte Carlo file says its method and seed.

async function download(query: string) {
  const response = await GET(new Request(`http://127.0.0.1/api/export?${query}`));
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function answer(body: unknown) {
  const { status, body: b } = await post(riskPOST, "/api/risk", body);
  expect(status).toBe(200);
  return RiskResponse.parse(b);
}

describe("GET /api/export?what=risk", () => {
  it("with no events: every default labelled with its heuristic, the figures of POST /api/risk in the metadata", async () => {
    const { status, headers, text } = await download("what=risk&period=2022-01&format=json");
    expect(status).toBe(200);
    expect(headers.get("content-disposition")).toBe('attachment; filename="hashatlas-risk-best-estimate-2022-01-defaults.json"');
    const file = ExportJsonResponse.parse(JSON.parse(text));
    const api = await answer({ period: "2022-01", events: [] });
    const { events, contributions, ...figures } = api;
    expect(file.metadata.risk).toEqual(figures);
    expect(file.metadata.query).toMatchObject({ what: "risk", period: "2022-01", risk: null, draws: 100_000, seed: 1, horizon: 365, bie: 0 });
    const eventRows = file.rows.filter((r) => r.record === "event");
    expect(eventRows.map((r) => [r.id, r.probability, r.fraction, r.is_default])).toEqual(events.map((e) => [e.id, e.probability, e.fraction, true]));
    expect(eventRows.map((r) => r.expected_lost_share)).toEqual(contributions.events.map((c) => c.expectedLostShare));
    expect(eventRows.find((r) => r.id === "CN")?.heuristic).toMatch(
      /^3 recorded shocks in 2019-09-01 … .*fraction = mean over their kinds \(ban 1, restriction 0.25\) = 0.5$/,
    );
    expect(eventRows.find((r) => r.id === "US")?.heuristic).toMatch(/^no recorded shock in .*base rate 0.02\/year/);
    expect(eventRows.find((r) => r.id === "EU")?.heuristic).toMatch(/^bloc acting together/);
    // The defaults draw on the shares, the blocs and the recorded shocks.
    expect(file.metadata.datasets.map((d) => d.slug)).toEqual(["best-estimate", "cbeci-monthly", "blocs", "shock-events"]);
    expect(file.metadata.notes.join(" ")).toMatch(/never a forecast/);
  });

  it("a Monte Carlo request: method, draws, seed and standard errors in the metadata, the same as the API's", async () => {
    const ids = ["US", "CN", "KZ", "CA", "RU", "DE", "MY", "IE", "IR", "EU", "EAEU"];
    const events = [...ids, ...ids].map((id, i) => ({ id, probability: Number((0.05 + i / 100).toFixed(2)), fraction: 0.5 }));
    const risk = events.map((e) => `${e.id}:${e.probability}:${e.fraction}`).join(",");
    const { status, text } = await download(`what=risk&period=2022-01&risk=${risk}&draws=5000&seed=99&metadata=1`);
    expect(status).toBe(200);
    const metadata = ExportMetadata.parse(JSON.parse(text));
    const { events: _events, contributions: _contributions, ...figures } = await answer({ period: "2022-01", events, draws: 5000, seed: 99 });
    expect(metadata.risk).toEqual(figures);
    expect(metadata.risk).toMatchObject({ method: "monte-carlo", draws: 5000, seed: 99 });
    expect(metadata.query).toMatchObject({ risk, draws: 5000, seed: 99 });
  });

  it("CSV: an event row per event and a country row per country with a share, the contributions adding up to E[L]", async () => {
    const { status, text } = await download("what=risk&period=2022-01&risk=CN:0.3,EAEU:0.05:0.5");
    expect(status).toBe(200);
    const [header, ...records] = z.array(z.array(z.string())).parse(parse(text));
    const column = (name: string) => header?.indexOf(name) ?? -1;
    const rows = records.map((r) => ({ record: r[column("record")], id: r[column("id")], part: Number(r[column("expected_lost_share")]) }));
    expect(rows.filter((r) => r.record === "event").map((r) => r.id)).toEqual(["CN", "EAEU"]);
    const api = await answer({
      period: "2022-01",
      events: [
        { id: "CN", probability: 0.3 },
        { id: "EAEU", probability: 0.05, fraction: 0.5 },
      ],
    });
    expect(rows.filter((r) => r.record === "country").map((r) => r.id)).toEqual(api.contributions.countries.map((c) => c.iso2));
    const total = (record: string) => rows.filter((r) => r.record === record).reduce((s, r) => s + r.part, 0);
    expect(total("event")).toBeCloseTo(api.expectedLostShare, 14);
    expect(total("country")).toBeCloseTo(api.expectedLostShare, 14);
  });
});
