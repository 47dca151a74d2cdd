import { describe, expect, it } from "vitest";
import { expectFieldError, get } from "@/tests/support/api";
import { GET } from "./route";

type Row = {
  kind: string;
  id: string;
  lostShare: number;
  difficultyChange: number;
  blockIntervalMinutes: number;
  daysToRetarget: number;
  majority: { country: string } | null;
  hashrateLostEh: number;
};

describe("GET /api/shocks", () => {
  it("ranks every country with a share and every bloc by the share they would take down", async () => {
    const { status, body } = await get(GET, "/api/shocks?period=2021-05");
    expect(status).toBe(200);
    const rows = (body as { rows: Row[] }).rows;
    const lost = rows.map((r) => r.lostShare);
    expect([...lost].sort((a, b) => b - a)).toEqual(lost);
    expect(rows.filter((r) => r.kind === "country")).toHaveLength(9);
    expect(
      rows
        .filter((r) => r.kind === "bloc")
        .map((r) => r.id)
        .sort(),
    ).toEqual(["BRICS", "EAEU", "EU", "GCC", "USMCA"]);
    // BRICS holds China, Russia and Iran in May 2021: the largest loss.
    expect(rows[0]).toMatchObject({ kind: "bloc", id: "BRICS" });
    const china = rows.find((r) => r.id === "CN");
    expect(china?.lostShare).toBeCloseTo(0.4398 / 0.9999, 9);
    expect(china?.difficultyChange).toBeCloseTo(-china!.lostShare, 9);
    expect(china?.blockIntervalMinutes).toBeCloseTo(10 / (1 - china!.lostShare), 9);
  });

  it("blends the retarget when the shutdown hits mid-epoch", async () => {
    const start = (await get(GET, "/api/shocks?period=2021-05")).body as { rows: Row[] };
    const mid = (await get(GET, "/api/shocks?period=2021-05&blocksIntoEpoch=1008")).body as { rows: Row[] };
    const a = start.rows.find((r) => r.id === "CN");
    const b = mid.rows.find((r) => r.id === "CN");
    expect(Math.abs(b?.difficultyChange ?? 0)).toBeLessThan(Math.abs(a?.difficultyChange ?? 0));
    expect(b?.daysToRetarget).toBeCloseTo((a?.daysToRetarget ?? 0) / 2, 9);
  });

  it.each([
    ["blocksIntoEpoch=2016", "blocksIntoEpoch", 400],
    ["blocksIntoEpoch=-1", "blocksIntoEpoch", 400],
    ["blocksIntoEpoch=1.5", "blocksIntoEpoch", 400],
    ["period=May-2021", "period", 400],
    ["period=2018-01", "period", 404],
  ])("answers %s with %s %i", async (query, field, status) => {
    expectFieldError(await get(GET, `/api/shocks?${query}`), status, field);
  });
});
