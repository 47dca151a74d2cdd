import fs from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { NetworkResponse } from "@/lib/validation/responses";
import { expectFieldError, get } from "@/tests/support/api";
import { GET } from "./route";

// The seed files, read here on their own, are what the answer must restate.
const csv = <Row>(file: string) => parse<Row>(fs.readFileSync(`seed/data/${file}`, "utf8"), { columns: true, skip_empty_lines: true });
const SEED_MONTHS = csv<{ period: string; hashrate_eh: string }>("network_monthly.csv");
const SEED_RETARGETS = csv<{ height: string; date_utc: string; change_pct: string }>("difficulty_adjustments.csv");

async function network(query = "") {
  const { status, body } = await get(GET, `/api/network${query}`);
  expect(status, JSON.stringify(body).slice(0, 300)).toBe(200);
  return NetworkResponse.parse(body);
}

describe("GET /api/network", () => {
  it("without a range answers every seeded month to the newest and every retarget, oldest first, each with its source", async () => {
    const { months, retargets } = await network();
    expect(months.map((m) => m.period)).toEqual(SEED_MONTHS.map((r) => r.period));
    expect(months.at(-1)).toEqual({ period: "2026-05", hashrateEh: 976.9, difficulty: 1.3495e14, source: "network-monthly" });
    expect(months.map((m) => m.hashrateEh)).toEqual(SEED_MONTHS.map((r) => Number(r.hashrate_eh)));
    expect(new Set(months.map((m) => m.source))).toEqual(new Set(["network-monthly"]));

    expect(retargets.map((r) => r.height)).toEqual(SEED_RETARGETS.map((r) => Number(r.height)));
    expect(new Set(retargets.map((r) => r.source))).toEqual(new Set(["difficulty-adjustments"]));
    for (const r of retargets) expect(r.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    // Every stored percent, restated as a fraction with nothing lost (the seed's "-0.00" is a plain 0).
    expect(retargets.map((r) => Math.round(r.change * 10_000))).toEqual(SEED_RETARGETS.map((r) => Math.round(Number(r.change_pct) * 100) + 0));
    expect(retargets.at(-1)).toEqual({
      height: 953568,
      time: "2026-06-14T00:36:42Z",
      difficulty: 124932866006548.16,
      change: -0.1009,
      source: "difficulty-adjustments",
    });
  });

  it("states the China-ban retarget of 3 July 2021 (−27.94 %) as the fraction −0.2794 at its UTC time", async () => {
    const { retargets } = await network("?from=2021-07&to=2021-07");
    expect(retargets[0]).toEqual({
      height: 689472,
      time: "2021-07-03T06:34:06Z",
      difficulty: 14363025673659.96,
      change: -0.2794,
      source: "difficulty-adjustments",
    });
    expect(new Date(retargets[0]?.time ?? "").getTime()).toBe(Date.UTC(2021, 6, 3, 6, 34, 6));
  });

  it.each([
    ["?from=2021-05&to=2021-08", "2021-05", "2021-08"],
    ["?from=2026-01", "2026-01", "2026-12"],
    ["?to=2019-03", "", "2019-03"],
    ["?from=2021-07&to=2021-07", "2021-07", "2021-07"],
  ])("%s keeps the months and the retargets whose UTC month is in the range", async (query, from, to) => {
    const { months, retargets } = await network(query);
    const inside = (period: string) => period >= from && period <= to;
    expect(months.map((m) => m.period)).toEqual(SEED_MONTHS.map((r) => r.period).filter(inside));
    expect(retargets.map((r) => r.height)).toEqual(SEED_RETARGETS.filter((r) => inside(r.date_utc.slice(0, 7))).map((r) => Number(r.height)));
    expect(months.length).toBeGreaterThan(0);
  });

  it("counts a retarget in its UTC month: May–Aug 2021 has nine, from 1 May 20:27 to 25 Aug", async () => {
    const { months, retargets } = await network("?from=2021-05&to=2021-08");
    expect(months.map((m) => m.period)).toEqual(["2021-05", "2021-06", "2021-07", "2021-08"]);
    expect(retargets.map((r) => r.time)).toEqual([
      "2021-05-01T20:27:02Z",
      "2021-05-13T08:58:58Z",
      "2021-05-30T01:18:41Z",
      "2021-06-13T20:07:16Z",
      "2021-07-03T06:34:06Z",
      "2021-07-17T23:32:17Z",
      "2021-07-31T04:35:26Z",
      "2021-08-13T05:53:47Z",
      "2021-08-25T14:41:16Z",
    ]);
  });

  it("answers an empty range beyond the data with no months and no retargets, not an error", async () => {
    expect(await network("?from=2031-01")).toEqual({ months: [], retargets: [] });
  });

  it.each([
    ["?from=2021-13", "from", /YYYY-MM/],
    ["?from=2021-1", "from", /YYYY-MM/],
    ["?to=0999-01", "to", /YYYY-MM/],
    ["?to=2021-07-03", "to", /YYYY-MM/],
    ["?from=2021-08&to=2021-07", "from", /must not be after to/],
    ["?from=2021-05&from=2021-06", "from", /given more than once/],
    ["?form=2021-05", "form", /is not a parameter of \/api\/network \(known: from, to\)/],
    ["?period=2021-05", "period", /is not a parameter of \/api\/network/],
  ])("%s → 400 naming %s", async (query, field, message) => {
    expectFieldError(await get(GET, `/api/network${query}`), 400, field, message);
  });

  it("lists every unknown parameter as its own issue", async () => {
    const { status, body } = await get(GET, "/api/network?from=2021-05&dataset=x&period=2021-05");
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { issues: [{ field: "dataset" }, { field: "period" }] } });
  });
});
