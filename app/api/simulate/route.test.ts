import { describe, expect, it } from "vitest";
import { SimulateResponse } from "@/lib/validation/responses";
import { expectFieldError, post } from "@/tests/support/api";
import { POST } from "./route";

const run = (body: unknown) => post(POST, "/api/simulate", body);

describe("POST /api/simulate", () => {
  it("shuts China down in May 2021: 43.98 % lost, one retarget of −lostShare, 10-minute blocks after it", async () => {
    const { status, body } = await run({ period: "2021-05", shutdown: ["CN"], horizonDays: 60 });
    expect(status).toBe(200);
    const r = SimulateResponse.parse(body);
    const lost = 0.4398 / 0.9999;
    expect(r.lostShare).toBeCloseTo(lost, 9);
    expect(r.shutdown).toEqual([{ id: "CN", kind: "country", name: "China", fraction: 1, members: ["CN"] }]);
    expect(r.difficultyChange).toBeCloseTo(-lost, 9);
    expect(r.retargets[0]?.difficultyChange).toBeCloseTo(-lost, 9);
    expect(r.blockIntervalMinutes).toBeCloseTo(10 / (1 - lost), 9);
    expect(r.timeline).toHaveLength(61);
    expect(r.timeline.at(-1)?.blockIntervalMinutes).toBeCloseTo(10, 6);
    expect(r.before.topCountry).toBe("CN");
    expect(r.after.topCountry).toBe("US");
    expect(r.after.networkHashrateEh).toBeCloseTo(r.before.networkHashrateEh! * (1 - lost), 6);
    expect(r.recoveryDay).toBe(Math.ceil(r.retargets[0]!.day));
  });

  it("expands blocs, takes partial shutdowns, and migrates", async () => {
    const { status, body } = await run({
      period: "2022-01",
      shutdown: ["eaeu", { id: "US", fraction: 0.3 }],
      migration: { fraction: 1, days: 30, delayDays: 0, weighting: "cheap-power" },
      horizonDays: 365,
    });
    expect(status).toBe(200);
    const r = SimulateResponse.parse(body);
    expect(r.shutdown[0]).toMatchObject({ id: "EAEU", kind: "bloc", members: ["AM", "BY", "KG", "KZ", "RU"] });
    expect(r.lostShare).toBeCloseTo(0.1322 + 0.0466 + 0.3 * 0.3784, 3);
    expect(r.migratedEh).toBeCloseTo(r.hashrateLostEh!, 6);
    expect(r.timeline.at(-1)?.hashrateEh).toBeCloseTo(r.before.networkHashrateEh!, 6);
  });

  it("cannot halt the chain: the unattributed bucket never goes dark", async () => {
    // "Other" cannot be shut down: even every named country leaves the chain running.
    const all = ["US", "CN", "KZ", "CA", "RU", "DE", "MY", "IE", "IR"];
    const r = SimulateResponse.parse((await run({ period: "2022-01", shutdown: all })).body);
    expect(r.halted).toBe(false);
    expect(r.lostShare).toBeCloseTo(1 - 0.0902, 3);
    expect(r.end.unattributedShare).toBeCloseTo(1, 9);
  });

  it.each([
    [{ shutdown: ["CN"] }, 400, "period"],
    [{ period: "2021-05", shutdown: [] }, 400, "shutdown"],
    [{ period: "2021-05", shutdown: ["ZZ"] }, 400, "shutdown.0"],
    [{ period: "2021-05", shutdown: ["CN", "NOTABLOC"] }, 400, "shutdown.1"],
    [{ period: "2021-05", shutdown: [{ id: "CN", fraction: 1.5 }] }, 400, "shutdown.0.fraction"],
    [{ period: "2021-05", shutdown: ["CN"], blocksIntoEpoch: 2016 }, 400, "blocksIntoEpoch"],
    [{ period: "2021-05", shutdown: ["CN"], horizonDays: 3651 }, 400, "horizonDays"],
    [{ period: "2021-05", shutdown: ["CN"], migration: { fraction: -1 } }, 400, "migration.fraction"],
    [{ period: "2021-05", shutdown: ["CN"], migration: { fraction: 1, destinations: ["XX"] } }, 400, "migration.destinations.0"],
    [{ period: "2021-05", shutdown: ["CN"], extra: true }, 400, "body"],
    [{ period: "2030-01", shutdown: ["CN"] }, 404, "period"],
  ])("rejects %j with %i naming %s", async (body, status, field) => {
    expectFieldError(await run(body), status, field);
  });

  it("refuses malformed JSON, other content types and oversized bodies", async () => {
    expectFieldError(await post(POST, "/api/simulate", null, { raw: "{not json" }), 400, "body", /not valid JSON/);
    expectFieldError(await post(POST, "/api/simulate", null, { raw: "period=2021-05", contentType: "application/x-www-form-urlencoded" }), 415, "content-type");
    const huge = JSON.stringify({ period: "2021-05", shutdown: ["CN"], padding: "x".repeat(70_000) });
    expectFieldError(await post(POST, "/api/simulate", null, { raw: huge }), 413, "body");
    // A declared length over the limit is refused before anything is read.
    const declared = await POST(
      new Request("http://127.0.0.1/api/simulate", { method: "POST", headers: { "content-type": "application/json", "content-length": "70000" }, body: huge }),
    );
    expectFieldError({ status: declared.status, body: await declared.json() }, 413, "body", /70000 bytes/);
  });

  it("answers a repeated scenario from the cache, and works out a refusal again every time", async () => {
    const scenario = { period: "2021-05", shutdown: ["CN", { id: "KZ", fraction: 0.5 }], horizonDays: 30 };
    const first = await post(POST, "/api/simulate", scenario);
    const again = await post(POST, "/api/simulate", scenario);
    expect(again.body).toEqual(first.body);
    // The same scenario written differently (key order, spacing) is the same answer.
    const reformatted = await post(POST, "/api/simulate", null, {
      raw: JSON.stringify({ horizonDays: 30, shutdown: ["CN", { fraction: 0.5, id: "KZ" }], period: "2021-05" }, null, 2),
    });
    expect(reformatted.body).toEqual(first.body);
    for (let i = 0; i < 2; i++) expectFieldError(await run({ ...scenario, horizonDays: 0 }), 400, "horizonDays");
  });
});
