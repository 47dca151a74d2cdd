import { describe, expect, it } from "vitest";
import { expectFieldError, get } from "@/tests/support/api";
import * as risk from "./risk/route";
import * as simulate from "./simulate/route";

// GET /api/simulate and GET /api/risk: the POST request in the query, in the dashboard link's
// grammar, answered with the POST's very bytes (so a shared link and the dashboard's own request are
// one answer, and a CDN can keep the GET's).

type Route = { GET: (r: Request) => Promise<Response>; POST: (r: Request) => Promise<Response> };

async function text(route: Route, method: "GET" | "POST", url: string, body?: unknown) {
  const response = await route[method](
    new Request(`http://127.0.0.1${url}`, method === "POST" ? { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {}),
  );
  return { status: response.status, text: await response.text() };
}

describe("GET form = POST form, byte for byte", () => {
  it.each<[string, Route, string, string, unknown]>([
    [
      "simulate: a whole and a partial shutdown",
      simulate,
      "/api/simulate",
      "period=2021-05&shutdown=CN,KZ:0.5",
      { period: "2021-05", shutdown: ["CN", { id: "KZ", fraction: 0.5 }] },
    ],
    [
      "simulate: every setting",
      simulate,
      "/api/simulate",
      "period=2022-01&dataset=cbeci-monthly&shutdown=eaeu,US:0.3&bie=1150&migrate=1,30,0,cheap-power&horizon=365&efficiency=20",
      {
        period: "2022-01",
        dataset: "cbeci-monthly",
        shutdown: ["EAEU", { id: "US", fraction: 0.3 }],
        blocksIntoEpoch: 1150,
        migration: { fraction: 1, days: 30, delayDays: 0, weighting: "cheap-power" },
        horizonDays: 365,
        efficiency: 20,
      },
    ],
    [
      "risk: events with and without a fraction",
      risk,
      "/api/risk",
      "period=2022-01&risk=CN:0.3,KZ:0.2:0.5,EAEU:0.05",
      {
        period: "2022-01",
        events: [
          { id: "CN", probability: 0.3 },
          { id: "KZ", probability: 0.2, fraction: 0.5 },
          { id: "EAEU", probability: 0.05 },
        ],
      },
    ],
    ["risk: the defaults of the newest month", risk, "/api/risk", "horizon=180&seed=7&draws=2000", { events: [], horizonDays: 180, seed: 7, draws: 2000 }],
  ])("%s", async (_what, route, path, query, body) => {
    const viaGet = await text(route, "GET", `${path}?${query}`);
    const viaPost = await text(route, "POST", path, body);
    expect(viaGet.status).toBe(200);
    expect(viaPost.status).toBe(200);
    expect(viaGet.text).toBe(viaPost.text);
  });
});

describe("GET form refuses what it cannot read, naming the parameter", () => {
  it.each<[string, (r: Request) => Promise<Response>, string, string, RegExp]>([
    ["no shutdown", simulate.GET, "/api/simulate?period=2021-05", "shutdown", /shutdown/],
    ["no period", simulate.GET, "/api/simulate?shutdown=CN", "period", /period/],
    ["a bad item", simulate.GET, "/api/simulate?period=2021-05&shutdown=CN:2", "shutdown", /item 1/],
    ["a bad migration", simulate.GET, "/api/simulate?period=2021-05&shutdown=CN&migrate=0.5,90", "migrate", /fraction,days,delayDays,weighting/],
    [
      "a body field name",
      simulate.GET,
      "/api/simulate?period=2021-05&shutdown=CN&horizonDays=30",
      "horizonDays",
      /not a parameter of \/api\/simulate \(known: .*horizon/,
    ],
    ["a bad event", risk.GET, "/api/risk?risk=CN", "risk", /id:probability/],
    ["too few draws", risk.GET, "/api/risk?draws=10", "draws", /at least 1000/],
    ["a repeated parameter", risk.GET, "/api/risk?seed=1&seed=2", "seed", /more than once/],
  ])("%s → 400", async (_what, handler, url, field, message) => {
    expectFieldError(await get(handler, url), 400, field, message);
  });

  it("an unknown country is the POST's 400, naming its position", async () => {
    expectFieldError(await get(simulate.GET, "/api/simulate?period=2021-05&shutdown=CN,XX"), 400, "shutdown.1", /neither an ISO country code nor a bloc/);
  });
});
