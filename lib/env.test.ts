import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_IMPORT_RATE_PER_MINUTE, IMPORT_RATE_ENV, parseEnv, PostgresNotServedError, SIMULATE_RATE_ENV } from "./env";

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

describe("parseEnv: proxy, hosts, body timeout, import rows", () => {
  const base = { NODE_ENV: "production" } as const;
  it.each<[string | undefined, unknown]>([
    [undefined, undefined],
    ["", undefined],
    ["1", { hops: 1 }],
    [" 2 ", { hops: 2 }],
    ["10.0.0.1, ::1", { addresses: ["10.0.0.1", "::1"] }],
  ])("HASHATLAS_TRUST_PROXY=%s reads as %j", (value, expected) => {
    expect(parseEnv({ ...base, HASHATLAS_TRUST_PROXY: value }).HASHATLAS_TRUST_PROXY).toEqual(expected);
  });
  it.each(["0", "17", "proxy.local", "10.0.0.1,nope"])("refuses HASHATLAS_TRUST_PROXY=%s", (value) => {
    expect(() => parseEnv({ ...base, HASHATLAS_TRUST_PROXY: value })).toThrow(/^Invalid environment: HASHATLAS_TRUST_PROXY: /);
  });
  it("reads allowed hosts lower-cased, and refuses a URL", () => {
    expect(parseEnv({ ...base, HASHATLAS_ALLOWED_HOSTS: "HashAtlas.example, localhost:3000" }).HASHATLAS_ALLOWED_HOSTS).toEqual([
      "hashatlas.example",
      "localhost:3000",
    ]);
    expect(() => parseEnv({ ...base, HASHATLAS_ALLOWED_HOSTS: "http://x.example/" })).toThrow(/HASHATLAS_ALLOWED_HOSTS: .*not one/);
  });
  it("has defaults for the body timeout and the import row limit", () => {
    const parsed = parseEnv(base);
    expect([parsed.HASHATLAS_BODY_TIMEOUT_SECONDS, parsed.HASHATLAS_MAX_IMPORT_ROWS]).toEqual([30, 500_000]);
    expect(() => parseEnv({ ...base, HASHATLAS_BODY_TIMEOUT_SECONDS: "0" })).toThrow(/HASHATLAS_BODY_TIMEOUT_SECONDS/);
  });
});

describe("parseEnv: DATABASE_URL picks the backend", () => {
  const base = { NODE_ENV: "production" } as const;
  it("reads a file: URL (the default) as the SQLite file, resolved from the working directory", () => {
    const file = path.resolve("data/hashatlas.db");
    expect(parseEnv(base)).toMatchObject({ database: { provider: "sqlite", path: file }, databasePath: file });
    expect(parseEnv({ ...base, DATABASE_URL: "file:/tmp/x.db?mode=rwc" })).toMatchObject({
      database: { provider: "sqlite", path: "/tmp/x.db" },
      databasePath: "/tmp/x.db",
    });
  });

  it.each(["postgresql://app:secret@db.internal:5432/hashatlas", "postgres://db.internal/hashatlas?sslmode=require"])("reads %s as PostgreSQL", (url) => {
    expect(parseEnv({ ...base, DATABASE_URL: url }).database).toEqual({ provider: "postgresql", url });
  });

  it("stops whatever asks for the SQLite file when the URL names PostgreSQL, without showing the password", () => {
    const config = parseEnv({ ...base, DATABASE_URL: "postgresql://app:secret@db.internal:5432/hashatlas" });
    expect(() => config.databasePath).toThrow(PostgresNotServedError);
    expect(() => config.databasePath).toThrow(/postgresql:\/\/app:\*\*\*@db\.internal:5432\/hashatlas\): this command works on a SQLite file only .*pg_dump/);
    // Spreading the configuration does not trip over it.
    expect({ ...config }).not.toHaveProperty("databasePath");
  });

  it.each([
    ["mysql://db/x", /must be a SQLite file URL .* or a PostgreSQL URL/],
    ["./data/hashatlas.db", /must be a SQLite file URL/],
    ["postgresql://db.internal:5432/", /names no database/],
    ["postgresql:///hashatlas", /names no host/],
    ["postgresql://app:secret@/hashatlas", /is not a valid URL/],
  ])("refuses DATABASE_URL=%s, naming the variable but not echoing the URL", (url, message) => {
    expect(() => parseEnv({ ...base, DATABASE_URL: url })).toThrow(new RegExp(`^Invalid environment: DATABASE_URL: ${message.source}`));
    expect(() => parseEnv({ ...base, DATABASE_URL: url })).not.toThrow(/secret/);
  });
});
