import { describe, expect, it } from "vitest";
import { MetricsError } from "../metrics/errors";
import { Conflict, InvalidInput, NotFound, StoredDataInvalid, Unprocessable } from "../services/errors";
import { handler } from "./respond";
import { refusalOf } from "./errors";

describe("refusals → HTTP", () => {
  it.each([
    [new NotFound('dataset "x" does not exist', "dataset"), 404, "dataset"],
    [new InvalidInput('shutdown.0: "ZZ" is neither…', "shutdown.0"), 400, "shutdown.0"],
    [new Conflict("slug holds sites", "dataset"), 409, "dataset"],
    [new Unprocessable("no network hashrate", "period"), 422, "period"],
    [new StoredDataInvalid('dataset "x" holds a hashrate of 1e+308 EH/s…', "dataset"), 409, "dataset"],
    [new MetricsError("invalid-parameter", "blocksIntoEpoch must be…", "blocksIntoEpoch"), 400, "blocksIntoEpoch"],
    [new MetricsError("invalid-fraction", "fraction must be…", "fraction"), 400, "fraction"],
    [new MetricsError("empty-distribution", "nothing to measure"), 422, undefined],
  ])("%s → %i naming %s", async (error, status, field) => {
    expect(refusalOf(error)).toEqual({ status, message: error.message, ...(field ? { field } : {}) });
    const response = await handler(() => {
      throw error;
    })(new Request("http://127.0.0.1/api/x"));
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error: { status, message: error.message, ...(field ? { field } : {}) } });
  });

  it("leaves anything else to the 500 path", () => {
    expect(refusalOf(new Error("bug"))).toBeNull();
    expect(refusalOf("text")).toBeNull();
  });
});
