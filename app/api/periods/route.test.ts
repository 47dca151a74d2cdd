import { describe, expect, it } from "vitest";
import { expectFieldError, get } from "@/tests/support/api";
import { GET } from "./route";

describe("GET /api/periods", () => {
  it("lists CBECI's 29 months in order by default", async () => {
    const { status, body } = await get(GET, "/api/periods");
    expect(status).toBe(200);
    const periods = (body as { dataset: string; periods: string[] }).periods;
    expect((body as { dataset: string }).dataset).toBe("cbeci-monthly");
    expect(periods).toHaveLength(29);
    expect(periods[0]).toBe("2019-09");
    expect(periods.at(-1)).toBe("2022-01");
    expect([...periods].sort()).toEqual(periods);
  });

  it("lists the snapshots of the 2025 estimates", async () => {
    const { body } = await get(GET, "/api/periods?dataset=hashrate-index-2025");
    expect(body).toEqual({ dataset: "hashrate-index-2025", periods: ["2025-05", "2025-07", "2025-10"] });
  });

  it("answers 404 for an unknown dataset and 400 for a malformed slug", async () => {
    expectFieldError(await get(GET, "/api/periods?dataset=unknown-set"), 404, "dataset");
    expectFieldError(await get(GET, "/api/periods?dataset=..%2F..%2Fetc"), 400, "dataset", /slug/);
  });
});
