import { describe, expect, it } from "vitest";
import { DEFAULT_IMPORT_RATE_PER_MINUTE, IMPORT_RATE_ENV, parseEnv, SIMULATE_RATE_ENV } from "./env";

// `npm start` validates the environment before anything else: a bad value stops it with a message
// naming the variable, instead of a 500 on the first request that reads it.

type RateVariable = typeof IMPORT_RATE_ENV | typeof SIMULATE_RATE_ENV;
const withVariable = (name: RateVariable, value: string | undefined): NodeJS.ProcessEnv => ({ NODE_ENV: "production", [name]: value });

describe("parseEnv: per-client rate limits", () => {
  it.each<[RateVariable, string | undefined, number | undefined]>([
    [IMPORT_RATE_ENV, undefined, DEFAULT_IMPORT_RATE_PER_MINUTE],
    [IMPORT_RATE_ENV, "", DEFAULT_IMPORT_RATE_PER_MINUTE],
    [IMPORT_RATE_ENV, "5", 5],
    [SIMULATE_RATE_ENV, undefined, undefined],
    [SIMULATE_RATE_ENV, "", undefined],
    [SIMULATE_RATE_ENV, "0", 0],
    [SIMULATE_RATE_ENV, "120", 120],
  ])("%s=%s reads as %s", (name, value, expected) => {
    expect(parseEnv(withVariable(name, value))[name]).toBe(expected);
  });

  it.each<[RateVariable, string, RegExp]>([
    [SIMULATE_RATE_ENV, "lots", /whole number of requests per minute/],
    [SIMULATE_RATE_ENV, "2.5", /whole number/],
    [SIMULATE_RATE_ENV, "-1", /at least 0/],
    [SIMULATE_RATE_ENV, "1e7", /at most 1000000/],
    [IMPORT_RATE_ENV, "0", /at least 1/],
    [IMPORT_RATE_ENV, "many", /whole number/],
  ])("refuses %s=%s, naming the variable", (name, value, message) => {
    expect(() => parseEnv(withVariable(name, value))).toThrow(new RegExp(`^Invalid environment: ${name}: .*${message.source}`));
  });
});
