// Property-based fuzzing of every API route, in-process (as the route tests call them), on a
// database of this file's own with an admin token, so that the write route is reachable too.
//
// Every answer must be a 2xx or a 4xx (a 500 is always a bug), a 4xx must carry the API's error
// body { error: { status, message } }, every call must finish within HASHATLAS_FUZZ_TIMEOUT_MS, and
// afterwards the seeded data must be untouched (imports may only create datasets of their own) and
// PRAGMA integrity_check must say ok.
//
// Budget: HASHATLAS_FUZZ_RUNS generated inputs per route and input family (default 40);
// HASHATLAS_FUZZ_SEED replays a run (the seed is printed). A failing input is shrunk by fast-check
// and printed with the route, query, headers and the start of the body.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { API_ROUTES } from "@/lib/api/api-routes";
import { closeImportWorker } from "@/lib/import-worker";
import { openSqlite } from "@/lib/db/sqlite";
import { PRICE_COLUMNS, SITE_COLUMNS } from "@/lib/io/import";
import { rebuildBestEstimate } from "@/lib/db/best-estimate";
import { BEST_ESTIMATE_DATASET } from "@/lib/metrics/best-estimate";
import { COUNTED_TABLES } from "@/lib/db/tables";
import { seedDatabase } from "@/seed/seed";
import { syntheticSitesCsv } from "@/bench/synthetic";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hashatlas-fuzz-"));
const file = path.join(dir, "fuzz.db");
const TOKEN = "fuzz-admin-token-0123456789abcdef";
vi.stubEnv("DATABASE_URL", `file:${file}`);
vi.stubEnv("HASHATLAS_ADMIN_TOKEN", TOKEN);
// The import route's per-client rate limit (429) would otherwise answer most fuzzed imports.
vi.stubEnv("HASHATLAS_IMPORT_RATE_PER_MINUTE", "1000000");

const RUNS = Math.max(1, Number(process.env.HASHATLAS_FUZZ_RUNS ?? "") || 40);
// A hang, not a slow answer: `npm test` runs this file while the build, ESLint and tsc share the two
// cores, and the first import starts the import worker; 5 s was once not enough for that.
const CALL_TIMEOUT_MS = Math.max(500, Number(process.env.HASHATLAS_FUZZ_TIMEOUT_MS ?? "") || 20_000);
const SEED = process.env.HASHATLAS_FUZZ_SEED ? Number(process.env.HASHATLAS_FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const FC = { numRuns: RUNS, seed: SEED, endOnFailure: false } as const;
/** The seeded datasets and their kinds (filled in beforeAll): fuzzed imports must never replace one. */
const SEEDED = new Map<string, string>();

type Handler = (request: Request) => Promise<Response>;
type RouteModule = { GET?: Handler; POST?: Handler };

// Static imports (type-checked, and a route added to API_ROUTES without an entry here fails below).
const MODULES: Record<string, () => Promise<RouteModule>> = {
  "/api/health": () => import("@/app/api/health/route"),
  "/api/version": () => import("@/app/api/version/route"),
  "/api/datasets": () => import("@/app/api/datasets/route"),
  "/api/periods": () => import("@/app/api/periods/route"),
  "/api/distribution": () => import("@/app/api/distribution/route"),
  "/api/metrics": () => import("@/app/api/metrics/route"),
  "/api/metrics/series": () => import("@/app/api/metrics/series/route"),
  "/api/shocks": () => import("@/app/api/shocks/route"),
  "/api/country": () => import("@/app/api/country/route"),
  "/api/regions": () => import("@/app/api/regions/route"),
  "/api/shock-events": () => import("@/app/api/shock-events/route"),
  "/api/backtests": () => import("@/app/api/backtests/route"),
  "/api/simulate": () => import("@/app/api/simulate/route"),
  "/api/risk": () => import("@/app/api/risk/route"),
  "/api/export": () => import("@/app/api/export/route"),
  "/api/import": () => import("@/app/api/import/route"),
  "/api/sites": () => import("@/app/api/sites/route"),
  "/api/sites/clusters": () => import("@/app/api/sites/clusters/route"),
  "/api/power-prices": () => import("@/app/api/power-prices/route"),
  "/api/network": () => import("@/app/api/network/route"),
  "/api/openapi.json": () => import("@/app/api/openapi.json/route"),
};

async function routeHandler(routePath: string, method: "get" | "post"): Promise<Handler> {
  const load = MODULES[routePath];
  if (!load) throw new Error(`${routePath} is in API_ROUTES but has no entry in MODULES of this fuzz test`);
  const mod = await load();
  const fn = method === "get" ? mod.GET : mod.POST;
  if (!fn) throw new Error(`${routePath} has no ${method.toUpperCase()} handler`);
  return fn;
}

// ---------------------------------------------------------------------------------------------
// Calling a handler and checking its answer

let tried = 0;
const statuses = new Map<number, number>();
/** Datasets the fuzzer's imports were told were written (slug → rows of the last write). */
const acknowledged = new Map<string, { kind: string; rows: number }>();

type Input = { method: "GET" | "POST"; path: string; query: string; headers: [string, string][]; body?: Uint8Array | string | FormData; note?: string };

function describeInput(input: Input): string {
  const body =
    input.body === undefined
      ? ""
      : input.body instanceof FormData
        ? " body=<multipart>"
        : ` body(${typeof input.body === "string" ? input.body.length : input.body.byteLength})=${JSON.stringify(
            (typeof input.body === "string" ? input.body : Buffer.from(input.body).toString("latin1")).slice(0, 300),
          )}`;
  return `${input.method} ${input.path}?${input.query.slice(0, 400)}${input.query.length > 400 ? `…(${input.query.length})` : ""} headers=${JSON.stringify(input.headers).slice(0, 400)}${body}${input.note ? ` [${input.note}]` : ""}`;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Build the Request as Next would hand it over. */
function toRequest(input: Input): Request {
  const url = new URL(`http://127.0.0.1${input.path}`);
  url.search = input.query;
  if (input.path === "/api/import") protectSeeded(url);
  const headers = new Headers();
  for (const [k, v] of input.headers) headers.append(k, v);
  const body =
    input.body === undefined
      ? undefined
      : typeof input.body === "string" || input.body instanceof FormData
        ? input.body
        : new Blob([new Uint8Array(input.body)]);
  return new Request(url, { method: input.method, headers, ...(body !== undefined && input.method === "POST" ? { body } : {}) });
}

/** An import aimed at a seeded dataset of the same kind could legitimately replace it: make it a dry run. */
function protectSeeded(url: URL) {
  const slug = url.searchParams.get("dataset");
  const kind = url.searchParams.get("kind");
  if (slug !== null && SEEDED.has(slug) && SEEDED.get(slug) === kind) url.search = `${url.search ? `${url.search}&` : "?"}dryRun=1`;
}

async function check(handler: Handler, input: Input): Promise<{ status: number; body: unknown }> {
  const what = describeInput(input);
  const request = toRequest(input);
  tried++;
  const started = performance.now();
  const response = await withTimeout(handler(request), CALL_TIMEOUT_MS, what);
  const text = await withTimeout(response.text(), CALL_TIMEOUT_MS, what);
  // A synchronous hang cannot be interrupted in-process; a slow synchronous call is caught here.
  const elapsed = performance.now() - started;
  statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  if (elapsed > CALL_TIMEOUT_MS) throw new Error(`took ${Math.round(elapsed)} ms (limit ${CALL_TIMEOUT_MS}): ${what}`);
  const status = response.status;
  if (!((status >= 200 && status < 300) || (status >= 400 && status < 500))) {
    throw new Error(`status ${status} (body ${text.slice(0, 300)}): ${what}`);
  }
  // Every status a route answers is in its OpenAPI description (/api/openapi.json is not in API_ROUTES).
  const route = API_ROUTES.find((r) => r.path === input.path && r.method === input.method.toLowerCase());
  if (route && ![200, ...(route.alsoSuccess ?? []).map((s) => s.status), ...route.errors].includes(status)) {
    throw new Error(`status ${status} is not documented for ${route.path} in lib/api/api-routes.ts: ${what}`);
  }
  let body: unknown = text;
  const type = response.headers.get("content-type") ?? "";
  if (status >= 400 || type.includes("json")) {
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`status ${status} with a body that is not JSON (${type}: ${text.slice(0, 200)}): ${what}`);
    }
  }
  if (status >= 400) {
    const error = (body as { error?: { status?: unknown; message?: unknown } } | null)?.error;
    if (!error || error.status !== status || typeof error.message !== "string" || error.message.trim() === "") {
      throw new Error(`status ${status} without an { error: { status, message } } body (${text.slice(0, 300)}): ${what}`);
    }
  }
  if (input.path === "/api/import" && (status === 200 || status === 201)) {
    const ack = body as { dataset?: string; kind?: string; rows?: number; dryRun?: boolean };
    if (!ack.dryRun && typeof ack.dataset === "string" && typeof ack.kind === "string" && typeof ack.rows === "number")
      acknowledged.set(ack.dataset, { kind: ack.kind, rows: ack.rows });
  }
  if (Object.prototype.hasOwnProperty.call(Object.prototype, "polluted") || ({} as Record<string, unknown>).polluted !== undefined) {
    throw new Error(`Object.prototype was polluted: ${what}`);
  }
  return { status, body };
}

// ---------------------------------------------------------------------------------------------
// Values

const NASTY: string[] = [
  "",
  " ",
  "0",
  "-0",
  "-1",
  "-2147483649",
  "1e309",
  "-1e309",
  "1e-400",
  "NaN",
  "nan",
  "Infinity",
  "-Infinity",
  "inf",
  "9".repeat(400),
  "18446744073709551616",
  "0x1F",
  "0b101",
  "1_000",
  "１２",
  "٣٤",
  "1.5",
  "1,5",
  " 7 ",
  "true",
  "false",
  "null",
  "undefined",
  "[]",
  "{}",
  "[object Object]",
  "../../etc/passwd",
  "..%2F..%2Fetc%2Fpasswd",
  "..\\..\\windows\\win.ini",
  "/etc/passwd",
  "file:///etc/passwd",
  "' OR 1=1; DROP TABLE Country;--",
  '" OR ""="',
  "1; DELETE FROM Dataset",
  "cbeci-monthly' --",
  "%' OR '1'='1",
  "\u0000",
  "a\u0000b",
  "%00",
  "%",
  "%ZZ",
  "%E0%A4%A",
  "\u202Egnp.exe",
  "\u200F\u05E9\u05DC\u05D5\u05DD",
  "مرحبا بالعالم",
  "🪙⛏️🇨🇳",
  "👨‍👩‍👧‍👦",
  "\uD800",
  "\uDFFF",
  "\uFEFF",
  "\r\n",
  "<script>alert(1)</script>",
  "${7*7}",
  "{{7*7}}",
  "%s%s%s%n",
  "=cmd|' /C calc'!A0",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "x".repeat(10_000),
  "é".repeat(30_000),
];

const FUZZ_SLUGS = [
  "fuzz-edge-other",
  "fuzz-edge-one",
  "fuzz-edge-zero-eh",
  "fuzz-edge-tiny",
  "fuzz-edge-year0",
  "fuzz-edge-far",
  "fuzz-edge-sites",
  "fuzz-edge-prices",
  "fuzz-x",
];

/** Plausible values per known parameter, so that generated queries get past validation often. */
const PLAUSIBLE: Record<string, string[]> = {
  dataset: [
    "cbeci-monthly",
    "ccaf-survey-2024",
    "hashrate-index-2025",
    "mining-sites",
    "electricity-prices",
    "network-monthly",
    "blocs",
    "shock-events",
    "shock-observations",
    "subnational-2022-2026",
    ...FUZZ_SLUGS,
    "CBECI-MONTHLY",
    "cbeci_monthly",
    "-x",
    "a",
    "no-such-set",
  ],
  period: ["2021-05", "2019-09", "2022-01", "2024-06", "2025-07", "0000-01", "9999-12", "all", "2021-13", "2021-00", "2021-5", "2021-05-01", "latest"],
  kind: ["shares", "sites", "prices", "network", "retargets", "events", "observations", "blocs", "shocks", "subnational", "gold", "SHARES"],
  basis: ["estimate", "sites", "published", "ESTIMATE", "both"],
  efficiency: ["28.2", "1", "200", "0.999", "200.0001", "5.", ".5", "1e2", "0", "-28"],
  blocksIntoEpoch: ["0", "1150", "2015", "2016", "-1", "1.5", "01", "+5", "99999999999999999999"],
  bie: ["0", "1150", "2015", "2016", "-1", "1.5", "01"],
  iso2: ["US", "us", "CN", "KZ", "XX", "ZZ", "USA", "U", "GB", "EU"],
  country: ["US", "us", "CN", "RU", "XX", "USA", "United States", "EU"],
  status: ["operating", "planned", "curtailed", "closed", "converted", "Operating", "demolished"],
  priceType: ["industrial", "business", "miner_tariff", "household", "wholesale", "retail"],
  what: ["metrics", "series", "shocks", "distribution", "sites", "prices", "scenario", "risk", "regions", "SCENARIO", "everything"],
  format: ["csv", "json", "xml", "CSV"],
  metadata: ["1", "0", "true", "false", "yes"],
  shutdown: [
    "CN",
    "CN,RU:0.3,EAEU",
    "US:1",
    "US:0",
    "CN:1.5",
    "XX",
    "CN,",
    ",",
    "CN:-0.5",
    "CN:.5",
    Array.from({ length: 50 }, () => "CN").join(","),
    Array.from({ length: 51 }, () => "US").join(","),
    "BRICS,EU,GCC,USMCA,EAEU",
  ],
  migrate: [
    "0.5,90,30,cheap-power",
    "1,3650,3650,proportional",
    "0,0,0,proportional",
    "0.5,99999,0,proportional",
    "0.5,3651,0,proportional",
    "1.5,1,1,proportional",
    "0.5,90,30",
  ],
  horizon: ["1", "180", "3650", "3651", "0", "-1"],
  risk: [
    "",
    "CN:0.1",
    "CN:0.1,EAEU:0.02:0.5",
    "US:1,CN:1",
    "US:0",
    "CN",
    "CN:1.5",
    "CN:0.5:0",
    "XX:0.1",
    ",",
    Array.from({ length: 501 }, () => "US:0.1").join(","),
  ],
  draws: ["1000", "100000", "1000000", "999", "1000001", "1e5", "-1"],
  seed: ["0", "1", "4294967295", "4294967296", "-1", "1.5"],
  layer: ["shares", "sites"],
  bbox: ["-180,-85,180,85", "-10,35,30,60", "170,-50,-170,-10", "0,0,0,0", "-181,0,0,1", "0,10,1,5", "1,2,3", "a,b,c,d", "-10,35,30,60,1", ""],
  zoom: ["0", "3", "8", "22", "23", "-1", "1.5", "x"],
  limit: ["1", "20", "500", "2000", "2001", "0", "-1", "1.5"],
  cursor: ["", "abc", "WyJVUyIsIkEiLDFd", "!!", "x".repeat(5_000)],
  view: ["1,2,3"],
  btc: ["100000"],
  simulate: ["1"],
  title: ["Fuzz", " ", "t".repeat(201)],
  publisher: ["Fuzz Lab", " ", "p".repeat(201)],
  url: ["https://example.org/fuzz", "http://x", "ftp://example.org", "javascript:alert(1)", "https://exa mple.org", "//example.org"],
  licence: ["CC0", " ", "l".repeat(501)],
  retrievedAt: ["2025-01-31", "2025-02-30", "2025-13-01", "25-01-01"],
  method: ["by hand", "m".repeat(2001)],
  dryRun: ["0", "1", "true", "2"],
};

const numericString = fc.oneof(
  fc.integer().map(String),
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map(String),
  fc.double().map(String),
  fc.double({ noDefaultInfinity: false, noNaN: false }).map((n) => n.toExponential()),
);

const randomText = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: "binary", maxLength: 30 }), fc.string({ unit: "grapheme", maxLength: 20 }));

function valueFor(key: string): fc.Arbitrary<string> {
  const plausible = Object.hasOwn(PLAUSIBLE, key) ? PLAUSIBLE[key] : undefined;
  return fc.oneof(
    { weight: plausible ? 6 : 0, arbitrary: fc.constantFrom(...(plausible ?? [""])) },
    { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
    { weight: 1, arbitrary: numericString },
    { weight: 1, arbitrary: randomText },
  );
}

const UNKNOWN_KEYS = [
  "foo",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "dataset[]",
  "period[0]",
  "Period",
  "DATASET",
  "a".repeat(1000),
  "",
  "%00",
  "x\u0000y",
  "🪙",
  "' OR 1=1;--",
];

function encode(pairs: [string, string][], raw: boolean): string {
  // URLSearchParams, unlike encodeURIComponent, accepts lone surrogates (sent as U+FFFD, as a browser would).
  return pairs.map(([k, v]) => (raw ? `${k}=${v}` : new URLSearchParams([[k, v]]).toString())).join("&");
}

/** A query string for a route: known names with right or wrong values, repeats, unknown names, raw or encoded. */
function queryArb(keys: string[]): fc.Arbitrary<string> {
  const known = keys.length ? fc.constantFrom(...keys) : fc.constantFrom(...UNKNOWN_KEYS);
  const pair = (key: fc.Arbitrary<string>) => key.chain((k) => valueFor(k).map((v): [string, string] => [k, v]));
  const mostlyValid = fc
    .subarray(keys)
    .chain((subset) =>
      subset.length ? fc.tuple(...subset.map((k) => valueFor(k).map((v): [string, string] => [k, v]))) : fc.constant([] as [string, string][]),
    );
  const random = fc.array(
    pair(fc.oneof({ weight: 4, arbitrary: known }, { weight: 1, arbitrary: fc.constantFrom(...UNKNOWN_KEYS) }, { weight: 1, arbitrary: randomText })),
    { maxLength: 8 },
  );
  const repeated = mostlyValid.chain((pairs) =>
    pairs.length ? fc.integer({ min: 0, max: pairs.length - 1 }).map((i) => [...pairs, pairs[i] ?? ["x", "y"]]) : fc.constant(pairs),
  );
  const pairs = fc.oneof({ weight: 4, arbitrary: mostlyValid }, { weight: 3, arbitrary: random }, { weight: 1, arbitrary: repeated });
  return fc.oneof(
    { weight: 5, arbitrary: fc.tuple(pairs, fc.boolean()).map(([p, raw]) => encode(p, raw)) },
    { weight: 1, arbitrary: fc.constantFrom("&&&", "=", "==&=", "?", "a=1&a=2&a=3", `${"x=1&".repeat(2000)}x=2`, "#frag", "%", "%%%", "dataset") },
    { weight: 1, arbitrary: randomText },
  );
}

function headerSafe(text: string): string {
  // Header values are byte strings without CR, LF or NUL (fetch refuses anything else before a server sees it).
  return Array.from(text)
    .map((c) => (c.charCodeAt(0) > 0xff || /[\r\n\0]/.test(c) ? "?" : c))
    .join("")
    .trim();
}

const AUTHORIZATION = [
  `Bearer ${TOKEN}`,
  `bearer ${TOKEN}`,
  `Bearer  ${TOKEN}  `,
  `Bearer ${TOKEN}x`,
  "Bearer",
  "Bearer ",
  "Basic Zm9vOmJhcg==",
  TOKEN,
  `Bearer ${"A".repeat(10_000)}`,
  "Bearer ' OR 1=1;--",
  "",
];
const ORIGINS = ["http://127.0.0.1", "https://evil.example", "null", "not a url", "http://127.0.0.1:3000", "http://localhost", "file://", ""];
const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "APPLICATION/JSON",
  "application/json-patch+json",
  "application/jsonx",
  "text/csv",
  "text/csv; charset=latin1",
  "application/csv",
  "text/plain",
  "multipart/form-data",
  "multipart/form-data; boundary=",
  "multipart/form-data; boundary=xyz",
  "application/x-www-form-urlencoded",
  "application/xml",
  "",
  ";;;",
  "text/csv\u00e9",
];

function headersArb(options: { admin: boolean; contentTypes: string[] }): fc.Arbitrary<[string, string][]> {
  const optional = (name: string, values: fc.Arbitrary<string>, weightPresent: number) =>
    fc.oneof(
      { weight: weightPresent, arbitrary: values.map((v): [string, string][] => [[name, headerSafe(v)]]) },
      { weight: 10 - weightPresent, arbitrary: fc.constant([] as [string, string][]) },
    );
  return fc
    .tuple(
      optional(
        "authorization",
        fc.oneof(
          { weight: 6, arbitrary: fc.constant(`Bearer ${TOKEN}`) },
          { weight: 3, arbitrary: fc.constantFrom(...AUTHORIZATION) },
          { weight: 1, arbitrary: randomText },
        ),
        options.admin ? 9 : 2,
      ),
      optional("origin", fc.oneof(fc.constantFrom(...ORIGINS), randomText), 2),
      optional("sec-fetch-site", fc.constantFrom("same-origin", "cross-site", "same-site", "none", "CROSS-SITE"), 1),
      optional(
        "content-type",
        fc.oneof(
          { weight: options.contentTypes.length ? 8 : 0, arbitrary: fc.constantFrom(...(options.contentTypes.length ? options.contentTypes : [""])) },
          { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
          { weight: 1, arbitrary: randomText },
        ),
        options.contentTypes.length ? 9 : 0,
      ),
      optional("content-length", fc.constantFrom("0", "-1", "abc", "99999999999", "1e9", "10000001"), 1),
      optional("x-forwarded-host", fc.constantFrom("evil.example", "127.0.0.1", ""), 1),
      optional("x-forwarded-for", fc.oneof(fc.constantFrom("10.0.0.1", "::1", "10.0.0.1, 10.0.0.2", "", "x".repeat(5_000), "unknown"), randomText), 1),
      optional("accept", fc.constantFrom("*/*", "text/csv", "application/json;q=0", "\u00ff"), 1),
    )
    .map((parts) => parts.flat());
}

// ---------------------------------------------------------------------------------------------
// Bodies

const bytes = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
};
const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
const INVALID_UTF8 = [
  new Uint8Array([0xc3, 0x28]),
  new Uint8Array([0xff]),
  new Uint8Array([0xed, 0xa0, 0x80]),
  new Uint8Array([0xe2, 0x82]),
  new Uint8Array([0xf8, 0x88, 0x80, 0x80, 0x80]),
];

const COLUMN_SETS = [
  ["period", "country", "share"],
  ["period", "country", "hashrate_eh"],
  ["period", "country", "share", "hashrate_eh"],
  ["date", "country", "monthly_hashrate_%", "monthly_absolute_hashrate_EH/S"],
  SITE_COLUMNS,
  PRICE_COLUMNS,
  ["a", "b"],
  ["period", "period", "country"],
  [""],
];

const CELL = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.constantFrom(
      "2025-07",
      "2021-05",
      "0000-01",
      "2019-09-01",
      "US",
      "United States",
      "Mainland China",
      "Other",
      "CN",
      "XK",
      "0.3",
      "0,3",
      "37.84%",
      "1",
      "0",
      "-0.1",
      "1e-12",
      "1e308",
      "NaN",
      "",
      "operating",
      "planned; 2026",
      "high",
      "low",
      "industrial",
      "2024-S2",
      "https://example.org/x",
      "45.5",
      "-181",
      "91",
      "500",
    ),
  },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY.filter((s) => s.length < 1000)) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('"quoted, with comma"', '"a ""b"" c"', '"unclosed', 'in"side', '"multi\nline"', "a;b", "=1+1", "@SUM(A1)", "\t", "  padded  "),
  },
  { weight: 1, arbitrary: randomText },
);

const csvText = fc
  .record({
    header: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...COLUMN_SETS) },
      { weight: 1, arbitrary: fc.array(fc.oneof(fc.constantFrom(...COLUMN_SETS.flat()), randomText), { maxLength: 14 }) },
    ),
    rows: fc.array(fc.array(CELL, { maxLength: 14 }), { maxLength: 12 }),
    fitRows: fc.boolean(),
    delimiter: fc.constantFrom(",", ",", ";", "\t", "|"),
    eol: fc.constantFrom("\n", "\r\n", "\r", "\n\n"),
    trailing: fc.boolean(),
  })
  .map(({ header, rows, fitRows, delimiter, eol, trailing }) => {
    const lines = [header, ...rows.map((r) => (fitRows ? header.map((_, i) => r[i] ?? "") : r))].map((cells) => cells.join(delimiter));
    return lines.join(eol) + (trailing ? eol : "");
  });

const csvBody: fc.Arbitrary<Uint8Array> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.tuple(csvText, fc.boolean(), fc.option(fc.tuple(fc.constantFrom(...INVALID_UTF8), fc.nat()), { freq: 4 })).map(([text, bom, bad]) => {
      let b = bytes(text);
      if (bad) {
        const [junk, at] = bad;
        const i = b.byteLength ? at % b.byteLength : 0;
        b = concat(b.subarray(0, i), junk, b.subarray(i));
      }
      return bom ? concat(BOM, b) : b;
    }),
  },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 2_000 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      bytes(""),
      BOM,
      bytes("\n\n\n"),
      bytes("\r\n"),
      bytes(","),
      bytes('"'),
      bytes("period,country,share"),
      bytes("period,country,share\n"),
      concat(BOM, bytes("period;country;share\r\n2025-07;US;0,5\r\n")),
    ),
  },
);

// Valid files with random content and formatting, so that fuzzed imports also get written and the
// read routes then run on them (an edge-case dataset is where a computation is most likely to break).
const ISO2 = ["US", "CN", "RU", "KZ", "CA", "DE", "IR", "MY", "NO", "SE", "ET", "PY", "AE", "BT", "IS", "GB"];
const NAMES: Record<string, string> = { US: "United States", CN: "Mainland China", RU: "Russian Federation", KZ: "Kazakhstan", CA: "Canada", DE: "Germany" };

const validSharesCsv = fc
  .record({
    periods: fc.uniqueArray(fc.constantFrom("2009-01", "2019-09", "2021-05", "2024-01", "2025-07", "2031-12", "9999-12"), { minLength: 1, maxLength: 3 }),
    countries: fc.uniqueArray(fc.constantFrom(...ISO2), { minLength: 1, maxLength: 10 }),
    weights: fc.array(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constant(0), fc.constant(1e-12)), { minLength: 10, maxLength: 10 }),
    scale: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
    byHashrate: fc.boolean(),
    other: fc.boolean(),
    semicolon: fc.boolean(),
    names: fc.boolean(),
    quoted: fc.boolean(),
    eol: fc.constantFrom("\n", "\r\n"),
    bom: fc.boolean(),
  })
  .map(({ periods, countries, weights, scale, byHashrate, other, semicolon, names, quoted, eol, bom }) => {
    const d = semicolon ? ";" : ",";
    const num = (n: number) => (semicolon ? String(n).replace(".", ",") : String(n));
    const cell = (t: string) => (quoted ? `"${t}"` : t);
    const total = countries.reduce((sum, _, i) => sum + (weights[i] ?? 0), 0) || 1;
    const lines = [["period", "country", byHashrate ? "hashrate_eh" : "share"].join(d)];
    for (const period of periods) {
      let used = 0;
      countries.forEach((c, i) => {
        const w = ((weights[i] ?? 0) / total) * scale;
        used += w;
        lines.push([period, cell(names ? (NAMES[c] ?? c) : c), num(byHashrate ? Number((w * 600).toFixed(6)) : Math.min(1, Number(w.toFixed(12))))].join(d));
      });
      if (other && !byHashrate && used < 1) lines.push([period, "Other", num(Number(Math.max(0, 1 - used - 1e-9).toFixed(9)))].join(d));
    }
    return `${bom ? "\uFEFF" : ""}${lines.join(eol)}${eol}`;
  });

const validSitesCsv = fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer()).map(([n, seed]) => syntheticSitesCsv(n, seed));

const validPricesCsv = fc
  .array(
    fc.record({
      iso2: fc.constantFrom(...ISO2),
      name: fc.constantFrom("Canada (Quebec)", "China (Mainland)", "X", "مصر", "🇺🇸 (Texas)", "A (B) (C)", "()"),
      usd: fc.double({ min: 1e-9, max: 4.999, noNaN: true }),
      type: fc.constantFrom("industrial", "business", "miner_tariff", "household", "wholesale"),
      period: fc.constantFrom("0000", "0000-S1", "2009", "2024-S2", "2024-07", "2021-05", "9999-12"),
      certainty: fc.constantFrom("high", "medium", "low"),
      note: fc.constantFrom("", "note", '"quoted, note"', "=1+1"),
    }),
    { minLength: 1, maxLength: 10 },
  )
  .map((rows) =>
    [
      "country_iso2,country_name,usd_per_kwh,price_type,period,source_name,source_url,certainty,note",
      ...rows.map((r) => [r.iso2, `"${r.name}"`, r.usd, r.type, r.period, "Fuzz", "https://example.org/p", r.certainty, r.note].join(",")),
    ].join("\n"),
  );

/** Wrong types and nasty values for a JSON field. */
const jsonNasty: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    -0,
    1e308,
    -1e308,
    5e-324,
    2 ** 53 + 1,
    0.5,
    1.0000001,
    2015,
    2016,
    3650,
    3651,
    "",
    "NaN",
    "Infinity",
    [],
    {},
    [null],
    { toString: "x" },
  ),
  fc.constantFrom(...NASTY.filter((s) => s.length < 1000)),
  fc.double(),
  fc.integer(),
  randomText,
  fc.jsonValue({ maxDepth: 3 }),
);

const shutdownItem = fc.oneof(
  fc.constantFrom("CN", "us", "KZ", "EU", "BRICS", "GCC", "USMCA", "EAEU", "XX", "", " CN ", "C", "CN1", "a".repeat(17)),
  fc.record({ id: fc.constantFrom("CN", "RU", "EU", "XX", 1), fraction: fc.oneof(fc.double({ min: -1, max: 2 }), jsonNasty) }, { requiredKeys: [] }),
  jsonNasty,
);

const simulateObject = fc.record(
  {
    period: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom("2021-05", "2019-09", "2022-01", "2025-07", "0000-01", "2021-13") },
      { weight: 1, arbitrary: jsonNasty },
    ),
    dataset: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...(PLAUSIBLE.dataset ?? [])) }, { weight: 1, arbitrary: jsonNasty }),
    shutdown: fc.oneof({ weight: 4, arbitrary: fc.array(shutdownItem, { maxLength: 6 }) }, { weight: 1, arbitrary: jsonNasty }),
    blocksIntoEpoch: fc.oneof(fc.integer({ min: -5, max: 2020 }), jsonNasty),
    migration: fc.oneof(
      fc.record(
        {
          fraction: fc.oneof(fc.double({ min: -0.5, max: 1.5 }), jsonNasty),
          days: fc.oneof(fc.integer({ min: -1, max: 3651 }), jsonNasty),
          delayDays: fc.oneof(fc.integer({ min: -1, max: 3651 }), jsonNasty),
          weighting: fc.oneof(fc.constantFrom("proportional", "cheap-power", "random"), jsonNasty),
          destinations: fc.oneof(fc.array(fc.constantFrom("US", "CA", "XX", "us", "USA", ""), { maxLength: 5 }), jsonNasty),
        },
        { requiredKeys: [] },
      ),
      jsonNasty,
    ),
    horizonDays: fc.oneof(fc.integer({ min: -1, max: 3651 }), jsonNasty),
    efficiency: fc.oneof(fc.double({ min: 0, max: 250 }), jsonNasty),
  },
  { requiredKeys: [] },
);

const riskEvent = fc.oneof(
  fc.record(
    {
      id: fc.oneof(fc.constantFrom("CN", "us", "KZ", "EU", "BRICS", "EAEU", "XX", "", " CN ", "C"), jsonNasty),
      probability: fc.oneof(fc.double({ min: -0.5, max: 1.5 }), fc.constantFrom(0, 1), jsonNasty),
      fraction: fc.oneof(fc.double({ min: -0.5, max: 1.5 }), fc.constantFrom(0, 1), jsonNasty),
    },
    { requiredKeys: [] },
  ),
  jsonNasty,
);

const riskObject = fc.record(
  {
    period: fc.oneof({ weight: 4, arbitrary: fc.constantFrom("2021-05", "2022-01", "2025-07", "0000-01", "2021-13") }, { weight: 1, arbitrary: jsonNasty }),
    dataset: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...(PLAUSIBLE.dataset ?? [])) }, { weight: 1, arbitrary: jsonNasty }),
    events: fc.oneof({ weight: 4, arbitrary: fc.array(riskEvent, { maxLength: 6 }) }, { weight: 1, arbitrary: jsonNasty }),
    horizonDays: fc.oneof(fc.integer({ min: -1, max: 3651 }), jsonNasty),
    blocksIntoEpoch: fc.oneof(fc.integer({ min: -5, max: 2020 }), jsonNasty),
    draws: fc.oneof(fc.integer({ min: 500, max: 5000 }), jsonNasty),
    seed: fc.oneof(fc.integer({ min: -1, max: 2 ** 32 }), jsonNasty),
  },
  { requiredKeys: [] },
);

const SHARES_SLUGS = [
  "cbeci-monthly",
  "ccaf-survey-2024",
  "hashrate-index-2025",
  "fuzz-edge-other",
  "fuzz-edge-one",
  "fuzz-edge-zero-eh",
  "fuzz-edge-tiny",
  "fuzz-edge-far",
];
const PERIODS = ["2019-09", "2020-04", "2021-05", "2021-07", "2022-01", "2024-01", "2024-06", "2025-07", "2025-08", "9999-12"];

/** The shares datasets to aim valid requests at: seeded, edge cases, and some the fuzzed imports wrote. */
const sharesSlug = () =>
  fc.constantFrom(
    ...SHARES_SLUGS,
    ...[...acknowledged.entries()]
      .filter(([, a]) => a.kind === "shares")
      .map(([slug]) => slug)
      .slice(0, 20),
  );

function validScenario() {
  const fraction = fc.oneof(fc.constantFrom(0, 1, 1e-12, 0.5), fc.double({ min: 0, max: 1, noNaN: true }));
  const days = fc.oneof(fc.constantFrom(0, 1, 3650), fc.integer({ min: 0, max: 3650 }));
  return fc.record(
    {
      period: fc.constantFrom(...PERIODS),
      dataset: sharesSlug(),
      shutdown: fc.array(
        fc.oneof(fc.constantFrom(...ISO2, "EU", "EAEU", "GCC", "USMCA", "BRICS"), fc.record({ id: fc.constantFrom(...ISO2, "EU", "BRICS"), fraction })),
        { minLength: 1, maxLength: 8 },
      ),
      blocksIntoEpoch: fc.oneof(fc.constantFrom(0, 2015), fc.integer({ min: 0, max: 2015 })),
      migration: fc.record(
        {
          fraction,
          days,
          delayDays: days,
          weighting: fc.constantFrom("proportional", "cheap-power"),
          destinations: fc.uniqueArray(fc.constantFrom(...ISO2), { minLength: 1, maxLength: 4 }),
        },
        { requiredKeys: ["fraction"] },
      ),
      horizonDays: fc.oneof(fc.constantFrom(1, 3650), fc.integer({ min: 1, max: 3650 })),
      efficiency: fc.oneof(fc.constantFrom(1, 200), fc.double({ min: 1, max: 200, noNaN: true })),
    },
    { requiredKeys: ["period", "shutdown"] },
  );
}

/** Valid risk requests with extreme parameters: many uncertain events (Monte Carlo), certain ones, blocs over countries without a share. */
function validRisk() {
  const probability = fc.oneof(fc.constantFrom(0, 1, 1e-12, 0.5, 1 - 1e-12), fc.double({ min: 0, max: 1, noNaN: true }));
  const fraction = fc.oneof(fc.constantFrom(1, 1e-12, 0.5), fc.double({ min: 1e-9, max: 1, noNaN: true }));
  return fc.record(
    {
      period: fc.constantFrom(...PERIODS),
      dataset: sharesSlug(),
      events: fc.array(fc.record({ id: fc.constantFrom(...ISO2, "EU", "EAEU", "GCC", "USMCA", "BRICS"), probability, fraction }), { maxLength: 30 }),
      horizonDays: fc.oneof(fc.constantFrom(1, 3650), fc.integer({ min: 1, max: 3650 })),
      blocksIntoEpoch: fc.oneof(fc.constantFrom(0, 2015), fc.integer({ min: 0, max: 2015 })),
      draws: fc.constantFrom(1000, 2000),
      seed: fc.oneof(fc.constantFrom(0, 2 ** 32 - 1), fc.integer({ min: 0, max: 2 ** 32 - 1 })),
    },
    { requiredKeys: ["events"] },
  );
}

function validExportQuery() {
  return fc
    .record(
      {
        what: fc.constantFrom("metrics", "series", "shocks", "distribution", "sites", "prices", "scenario", "risk", "regions"),
        country: fc.constantFrom("US", "CN", "RU", "KZ", "BR"),
        basis: fc.constantFrom("sites", "published"),
        format: fc.constantFrom("csv", "json"),
        metadata: fc.constantFrom("0", "1"),
        dataset: sharesSlug(),
        period: fc.constantFrom(...PERIODS, "all"),
        efficiency: fc.constantFrom("1", "28.2", "200", ".5", "199.999"),
        bie: fc.constantFrom("0", "2015", "1000"),
        shutdown: fc
          .array(fc.tuple(fc.constantFrom(...ISO2, "EU", "BRICS"), fc.constantFrom("", ":0", ":1", ":0.5", ":.25")), { minLength: 1, maxLength: 6 })
          .map((items) => items.map(([id, f]) => id + f).join(",")),
        migrate: fc
          .tuple(
            fc.constantFrom("0", "1", "0.5"),
            fc.integer({ min: 0, max: 3650 }),
            fc.integer({ min: 0, max: 3650 }),
            fc.constantFrom("proportional", "cheap-power"),
          )
          .map((parts) => parts.join(",")),
        horizon: fc.constantFrom("1", "180", "3650"),
        risk: fc
          .array(fc.tuple(fc.constantFrom(...ISO2, "EU", "BRICS"), fc.constantFrom(":0", ":1", ":0.5", ":.25:0.5", ":1:0.001")), { maxLength: 6 })
          .map((items) => items.map(([id, p]) => id + p).join(",")),
        draws: fc.constantFrom("1000", "2000"),
        seed: fc.constantFrom("0", "7", "4294967295"),
      },
      { requiredKeys: ["what"] },
    )
    .map((q) => {
      const entries = Object.entries(q).flatMap(([k, v]): [string, string][] =>
        ((q.what === "sites" || q.what === "prices") && k === "dataset") || (q.what !== "regions" && k === "basis") ? [] : [[k, v]],
      );
      if (q.what === "regions" && !q.country) entries.push(["country", "US"]);
      if (q.what === "scenario" && !q.shutdown) entries.push(["shutdown", "CN"]);
      if ((q.what === "scenario" || q.what === "risk" || q.what === "regions") && q.period === "all")
        entries.splice(
          entries.findIndex(([k]) => k === "period"),
          1,
        );
      return encode(entries, false);
    });
}

function deep(levels: number, open: string, close: string, inner = "1") {
  return open.repeat(levels) + inner + close.repeat(levels);
}

const PROTO_JSON = [
  '{"__proto__":{"polluted":1},"period":"2021-05","shutdown":["CN"]}',
  '{"constructor":{"prototype":{"polluted":1}},"period":"2021-05","shutdown":["CN"]}',
  '{"period":"2021-05","shutdown":[{"id":"CN","__proto__":{"polluted":1}}]}',
  '{"period":"2021-05","shutdown":["CN"],"migration":{"fraction":0.5,"__proto__":{"polluted":1}}}',
  '[{"__proto__":{"polluted":1},"period":"2025-07","country":"US","share":0.5}]',
  '{"rows":[{"constructor":{"prototype":{"polluted":1}},"period":"2025-07","country":"US","share":0.5}],"__proto__":{"polluted":1}}',
];

const DEEP_JSON = [
  deep(1000, "[", "]"),
  deep(1000, '{"a":', "}"),
  `{"period":"2021-05","shutdown":${deep(1000, "[", "]", '"CN"')}}`,
  `{"period":"2021-05","shutdown":["CN"],"migration":${deep(1000, '{"fraction":', "}", "0.5")}}`,
  `{"rows":${deep(1000, "[", "]", '{"period":"2025-07","country":"US","share":0.5}')}}`,
  deep(30_000, "[", "]"),
];

const jsonBody: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  { weight: 6, arbitrary: simulateObject.map((o) => JSON.stringify(o)) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.constantFrom(...PROTO_JSON, ...DEEP_JSON) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "",
      "{",
      "}",
      "null",
      "[]",
      '"str"',
      "1",
      "{'a':1}",
      '{"a":1,}',
      "\uFEFF{}",
      "NaN",
      '{"period":"2021-05","shutdown":["CN"]}garbage',
    ),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 500 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...INVALID_UTF8), fc.boolean())
      .map(([junk, bom]) => concat(bom ? BOM : new Uint8Array(), bytes('{"period":"2021-05","shutdown":["'), junk, bytes('"]}'))),
  },
);

const importJsonBody: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .array(
        fc.record(
          {
            period: fc.oneof(fc.constantFrom("2025-07", "2025-08", "0000-01"), jsonNasty),
            country: fc.oneof(fc.constantFrom("US", "CN", "Other", "XK"), jsonNasty),
            share: jsonNasty,
            hashrateEh: jsonNasty,
            hashrate_eh: jsonNasty,
          },
          { requiredKeys: [] },
        ),
        { maxLength: 8 },
      )
      .chain((rows) => fc.constantFrom<unknown>(rows, { rows }, { rows: { length: 3 } }, { rows: null }))
      .map((v) => JSON.stringify(v)),
  },
  { weight: 1, arbitrary: jsonBody },
);

// ---------------------------------------------------------------------------------------------
// Database checks

function withDb<T>(fn: (db: ReturnType<typeof openSqlite>) => T): T {
  const db = openSqlite(file, { readonly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Row counts of every table, leaving out the rows of datasets that are not seeded (the fuzzer's own imports). */
function seededCounts(): Record<string, number> {
  return withDb((db) => {
    const seededIds = `(SELECT id FROM "Dataset" WHERE slug IN (${[...SEEDED.keys()].map((s) => `'${s}'`).join(",")}))`;
    const out: Record<string, number> = {};
    for (const table of COUNTED_TABLES) {
      const columns = (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
      const where = table === "Dataset" ? ` WHERE id IN ${seededIds}` : columns.includes("datasetId") ? ` WHERE datasetId IN ${seededIds}` : "";
      out[table] = (db.prepare(`SELECT count(*) AS n FROM "${table}"${where}`).get() as { n: number }).n;
    }
    return out;
  });
}

function datasetRows(): { slug: string; id: number; kind: string; contentHash: string; importedAt: string }[] {
  return withDb(
    (db) =>
      db.prepare(`SELECT slug, id, kind, contentHash, importedAt FROM "Dataset" ORDER BY slug`).all() as {
        slug: string;
        id: number;
        kind: string;
        contentHash: string;
        importedAt: string;
      }[],
  );
}

function rowsOf(slug: string, kind: string): number {
  const table = kind === "shares" ? "HashrateShare" : kind === "sites" ? "MiningSite" : "PowerPrice";
  return withDb(
    (db) => (db.prepare(`SELECT count(*) AS n FROM "${table}" t JOIN "Dataset" d ON d.id = t.datasetId WHERE d.slug = ?`).get(slug) as { n: number }).n,
  );
}

let countsBefore: Record<string, number> = {};
let seededBefore: ReturnType<typeof datasetRows> = [];

beforeAll(async () => {
  await seedDatabase(file);
  // The best estimate is rebuilt from the shares datasets, so an acknowledged shares import may change it: it is checked apart.
  seededBefore = datasetRows().filter((d) => d.slug !== BEST_ESTIMATE_DATASET);
  for (const d of seededBefore) SEEDED.set(d.slug, d.kind);
  countsBefore = seededCounts();
  console.log(`fuzz: seed ${SEED}, ${RUNS} runs per route and input family, ${CALL_TIMEOUT_MS} ms per call (HASHATLAS_FUZZ_SEED=${SEED} replays this run)`);
});

afterAll(async () => {
  await closeImportWorker();
  const byStatus = [...statuses.entries()]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s}×${n}`)
    .join(" ");
  console.log(`fuzz: ${tried} inputs tried in total (${byStatus}); ${acknowledged.size} datasets imported by the fuzzer`);
  fs.rmSync(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// The properties

const PROVENANCE = "publisher=Fuzz%20Lab&url=https%3A%2F%2Fexample.org%2Ffuzz&licence=CC0";
const AUTH: [string, string][] = [["authorization", `Bearer ${TOKEN}`]];

describe("API fuzzing: every route answers 2xx or 4xx with an error body, quickly", () => {
  it("has a handler for every route in API_ROUTES", async () => {
    for (const route of API_ROUTES) await routeHandler(route.path, route.method);
  });

  // Valid imports of edge-case data first, so that the read routes below are fuzzed on them too.
  it("POST /api/import: edge-case datasets, oversized and degenerate uploads", async () => {
    const handler = await routeHandler("/api/import", "post");
    const csv = (q: string, body: string | Uint8Array, contentType = "text/csv") =>
      check(handler, { method: "POST", path: "/api/import", query: `${q}&${PROVENANCE}`, headers: [...AUTH, ["content-type", contentType]], body });
    const edge: [string, string, string][] = [
      ["shares", "fuzz-edge-other", "period,country,share\n2025-07,Other,1\n"],
      ["shares", "fuzz-edge-one", "period,country,share\n2025-07,US,1\n"],
      ["shares", "fuzz-edge-zero-eh", "period,country,hashrate_eh\n2025-07,US,0\n2025-07,CN,5\n2025-08,US,1e-300\n2025-08,CN,1e300\n"],
      ["shares", "fuzz-edge-tiny", "period,country,share\n2021-05,US,1e-12\n2021-05,CN,0\n"],
      ["shares", "fuzz-edge-year0", "period,country,share\n0000-01,US,0.5\n0000-01,CN,0.5\n"],
      ["shares", "fuzz-edge-year0-cbeci", "date,country,monthly_hashrate_%,monthly_absolute_hashrate_EH/S\n0000-01-01,United States,100%,5\n"],
      ["shares", "fuzz-edge-far", "period,country,share\n9999-12,US,0.6\n9999-12,Other,0.4\n"],
      [
        "sites",
        "fuzz-edge-sites",
        "site,operator,country,region_city,lat_approx,lon_approx,capacity_MW,hashrate_EH_s,energy_source,status_note,certainty,source_url\n" +
          "Zero,Op,US,,90,180,0,,grid,operating,high,https://example.org/a\n" +
          "Huge,Op,CN,,-90,-180,1e12,1e6,grid,operating,low,https://example.org/b\n" +
          "Closed,Op,KZ,,,,,,,closed; 2021,medium,https://example.org/c\n",
      ],
      [
        "prices",
        "fuzz-edge-prices",
        "country_iso2,country_name,usd_per_kwh,price_type,period,source_name,source_url,certainty,note\nUS,United States,0,industrial,2025-07,x,https://example.org/p,high,\nCN,China,1e9,miner_tariff,2024,x,https://example.org/p,low,\n",
      ],
    ];
    for (const [kind, slug, body] of edge) await csv(`kind=${kind}&dataset=${slug}`, body);
    // A large valid file, written in one transaction, and a large one with a bad row at the end.
    await csv("kind=sites&dataset=fuzz-big-sites", syntheticSitesCsv(5_000));
    await csv("kind=sites&dataset=fuzz-big-invalid", `${syntheticSitesCsv(5_000)}x,y,ZZ,,1,1,1,,,operating,high,https://example.org\n`);
    const many = JSON.stringify(Array.from({ length: 100_000 }, () => ({})));
    await csv("kind=shares&dataset=fuzz-many-rows", many, "application/json");
    await csv("kind=shares&dataset=fuzz-too-big", new Uint8Array(10_000_001).fill(0x41));
    await csv("kind=sites&dataset=fuzz-too-big", "x,".repeat(5_000_001));
    await csv("kind=shares&dataset=fuzz-deep", deep(1000, "[", "]"), "application/json");
    for (const body of PROTO_JSON) await csv("kind=shares&dataset=fuzz-proto", body, "application/json");
    // Found by this fuzzer: values that String() cannot convert (they were a 500).
    for (const body of [
      '[{"share":{"toString":"x"}}]',
      '[{"period":{"toString":1,"valueOf":2},"country":"US","hashrateEh":{"toString":null}}]',
      '{"rows":[{"period":"2025-07","country":"US","share":[{"toString":"x"}]}]}',
    ]) {
      await csv("kind=shares&dataset=fuzz-unprintable", body, "application/json");
    }
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array([0xff, 0xfe, 0x00, 0x41])], { type: "application/octet-stream" }), "../../etc/passwd");
    await check(handler, { method: "POST", path: "/api/import", query: `kind=shares&dataset=fuzz-form&${PROVENANCE}`, headers: AUTH, body: form });
    const textField = new FormData();
    textField.set("file", "period,country,share\n2025-07,US,0.5\n");
    await check(handler, { method: "POST", path: "/api/import", query: `kind=shares&dataset=fuzz-form&${PROVENANCE}`, headers: AUTH, body: textField });
    for (const raw of ['--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nperiod,country,share\r\n', "garbage", "--xyz--", ""]) {
      await check(handler, {
        method: "POST",
        path: "/api/import",
        query: `kind=shares&dataset=fuzz-form&${PROVENANCE}`,
        headers: [...AUTH, ["content-type", "multipart/form-data; boundary=xyz"]],
        body: raw,
      });
    }
    expect(acknowledged.size).toBeGreaterThanOrEqual(6);
  }, 120_000);

  it("POST /api/import: fuzzed queries, headers and CSV / JSON / multipart bodies", async () => {
    const handler = await routeHandler("/api/import", "post");
    const slug = fc.oneof(
      { weight: 5, arbitrary: fc.stringMatching(/^[a-z0-9-]{1,12}$/).map((s) => `fuzz-${s}`) },
      { weight: 1, arbitrary: fc.constantFrom(...(PLAUSIBLE.dataset ?? [])) },
      { weight: 1, arbitrary: fc.constantFrom(...NASTY) },
    );
    const importQuery = fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .record({
            kind: fc.oneof({ weight: 5, arbitrary: fc.constantFrom("shares", "sites", "prices") }, { weight: 1, arbitrary: valueFor("kind") }),
            dataset: slug,
            extra: fc.array(
              fc
                .constantFrom("title", "retrievedAt", "method", "dryRun", "publisher", "url", "licence", "foo")
                .chain((k) => valueFor(k).map((v): [string, string] => [k, v])),
              { maxLength: 3 },
            ),
            provenance: fc.constantFrom(PROVENANCE, PROVENANCE, "publisher=x&url=https%3A%2F%2Fx.org", ""),
          })
          .map(({ kind, dataset, extra, provenance }) =>
            [encode([["kind", kind], ["dataset", dataset], ...extra], false), provenance].filter(Boolean).join("&"),
          ),
      },
      { weight: 1, arbitrary: queryArb(Object.keys(API_ROUTES.find((r) => r.path === "/api/import")?.query?.shape ?? {})) },
    );
    // A valid file of the query's kind (mostly), sent with the right token and type: these get written.
    const validImport = fc
      .tuple(
        fc.constantFrom("shares", "sites", "prices"),
        fc.stringMatching(/^[a-z0-9-]{1,12}$/),
        fc.constantFrom("", "&dryRun=1", "&retrievedAt=2025-01-31&title=Fuzz"),
      )
      .chain(([kind, name, extra]) =>
        (kind === "shares" ? validSharesCsv : kind === "sites" ? validSitesCsv : validPricesCsv).map((csv): [string, string] => [
          `kind=${kind}&dataset=fuzz-v-${name}&${PROVENANCE}${extra}`,
          csv,
        ]),
      );
    await fc.assert(
      fc.asyncProperty(validImport, fc.constantFrom("text/csv", "application/csv", "text/plain"), async ([query, csv], type) => {
        await check(handler, { method: "POST", path: "/api/import", query, headers: [...AUTH, ["content-type", type]], body: csv });
      }),
      { ...FC, numRuns: RUNS * 2 },
    );
    const body = fc.oneof(
      { weight: 5, arbitrary: fc.tuple(csvBody, headersArb({ admin: true, contentTypes: ["text/csv", "application/csv", "text/plain"] })) },
      { weight: 2, arbitrary: fc.tuple(importJsonBody, headersArb({ admin: true, contentTypes: ["application/json"] })) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(
            csvBody,
            fc.constantFrom("file", "File", "upload", ""),
            fc.constantFrom("a.csv", "a.json", "../../etc/passwd", "", "🪙.csv"),
            fc.constantFrom("text/csv", "application/json", "", "image/png"),
            headersArb({ admin: true, contentTypes: [] }),
          )
          .map(([b, field, name, type, headers]): [FormData, [string, string][]] => {
            const form = new FormData();
            form.set(field, new Blob([new Uint8Array(b)], { type }), name);
            return [form, headers.filter(([k]) => k !== "content-type")];
          }),
      },
    );
    await fc.assert(
      fc.asyncProperty(importQuery, body, async (query, [payload, headers]) => {
        await check(handler, { method: "POST", path: "/api/import", query, headers, body: payload });
      }),
      { ...FC, numRuns: RUNS * 4 },
    );
  }, 180_000);

  it("POST /api/simulate: fuzzed JSON bodies, content types and headers", async () => {
    const handler = await routeHandler("/api/simulate", "post");
    for (const raw of [
      ...PROTO_JSON,
      ...DEEP_JSON,
      JSON.stringify({ period: "2021-05", shutdown: Array.from({ length: 300 }, () => "CN") }),
      JSON.stringify({ period: "2021-05", shutdown: Array.from({ length: 20_000 }, () => 0) }),
      "x".repeat(70_000),
    ]) {
      await check(handler, { method: "POST", path: "/api/simulate", query: "", headers: [["content-type", "application/json"]], body: raw });
    }
    for (const slug of FUZZ_SLUGS) {
      for (const period of ["2025-07", "2025-08", "2021-05", "0000-01", "9999-12"]) {
        await check(handler, {
          method: "POST",
          path: "/api/simulate",
          query: "",
          headers: [["content-type", "application/json"]],
          body: JSON.stringify({
            period,
            dataset: slug,
            shutdown: ["US", { id: "CN", fraction: 0.5 }, "EU"],
            migration: { fraction: 1, days: 0, delayDays: 0, weighting: "cheap-power" },
            horizonDays: 400,
          }),
        });
      }
    }
    await fc.assert(
      fc.asyncProperty(
        jsonBody,
        headersArb({ admin: false, contentTypes: ["application/json", "application/json; charset=utf-8"] }),
        queryArb([]),
        async (payload, headers, query) => {
          await check(handler, { method: "POST", path: "/api/simulate", query, headers, body: payload });
        },
      ),
      { ...FC, numRuns: RUNS * 3 },
    );
    // Valid scenarios with extreme parameters, on the seeded and the edge-case datasets: the engine's own corners.
    await fc.assert(
      fc.asyncProperty(validScenario(), async (scenario) => {
        await check(handler, {
          method: "POST",
          path: "/api/simulate",
          query: "",
          headers: [["content-type", "application/json"]],
          body: JSON.stringify(scenario),
        });
      }),
      { ...FC, numRuns: RUNS * 2 },
    );
  }, 180_000);

  it("POST /api/risk: fuzzed JSON bodies, content types and headers", async () => {
    const handler = await routeHandler("/api/risk", "post");
    const json: [string, string][] = [["content-type", "application/json"]];
    for (const raw of [
      ...PROTO_JSON,
      ...DEEP_JSON,
      '{"events":[{"id":"CN","probability":0.5,"__proto__":{"polluted":1}}]}',
      JSON.stringify({ events: Array.from({ length: 500 }, (_, i) => ({ id: i % 2 ? "EAEU" : "US", probability: 0.99 })), draws: 1_000_000 }),
      JSON.stringify({ events: Array.from({ length: 20 }, () => ({ id: "BRICS", probability: 0.5 })) }),
      JSON.stringify({ events: Array.from({ length: 20_000 }, () => 0) }),
      "x".repeat(70_000),
    ]) {
      await check(handler, { method: "POST", path: "/api/risk", query: "", headers: json, body: raw });
    }
    for (const slug of FUZZ_SLUGS) {
      for (const period of ["2025-07", "2025-08", "2021-05", "0000-01", "9999-12"]) {
        for (const events of [
          [],
          [
            { id: "US", probability: 1 },
            { id: "CN", probability: 0.5, fraction: 0.5 },
            { id: "EU", probability: 0.1 },
          ],
        ]) {
          await check(handler, { method: "POST", path: "/api/risk", query: "", headers: json, body: JSON.stringify({ period, dataset: slug, events }) });
        }
      }
    }
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 3, arbitrary: riskObject.map((o) => JSON.stringify(o)) }, { weight: 1, arbitrary: jsonBody }),
        headersArb({ admin: false, contentTypes: ["application/json", "application/json; charset=utf-8"] }),
        queryArb([]),
        async (payload, headers, query) => {
          await check(handler, { method: "POST", path: "/api/risk", query, headers, body: payload });
        },
      ),
      { ...FC, numRuns: RUNS * 3 },
    );
    // Valid requests with extreme parameters on the seeded and the edge-case datasets: the model's own corners.
    await fc.assert(
      fc.asyncProperty(validRisk(), async (body) => {
        await check(handler, { method: "POST", path: "/api/risk", query: "", headers: json, body: JSON.stringify(body) });
      }),
      { ...FC, numRuns: RUNS * 2 },
    );
  }, 180_000);

  for (const route of API_ROUTES.filter((r) => r.method === "get")) {
    it(`GET ${route.path}: fuzzed query strings and headers`, async () => {
      const handler = await routeHandler(route.path, "get");
      const keys = Object.keys(route.query?.shape ?? {});
      // Every known parameter with every plausible and nasty value once, then random combinations.
      for (const key of keys) {
        for (const value of [...(PLAUSIBLE[key] ?? []), ...NASTY])
          await check(handler, { method: "GET", path: route.path, query: encode([[key, value]], false), headers: [] });
      }
      if (
        route.path === "/api/export" ||
        route.path === "/api/metrics" ||
        route.path === "/api/shocks" ||
        route.path === "/api/distribution" ||
        route.path === "/api/periods" ||
        route.path === "/api/metrics/series"
      ) {
        // The edge-case datasets and (some of) those the fuzzed imports wrote.
        for (const slug of [...FUZZ_SLUGS, ...[...acknowledged.keys()].filter((s) => !FUZZ_SLUGS.includes(s)).slice(0, 12)]) {
          for (const extra of [
            "",
            "&period=2025-07",
            "&period=0000-01",
            "&period=9999-12",
            "&basis=sites",
            "&what=scenario&shutdown=US,CN:0.5&migrate=1,0,0,cheap-power",
            "&what=risk",
            "&what=risk&risk=US:1,CN:0.5:0.5,EU:0.1&draws=1000",
            "&what=metrics&period=all",
            "&what=distribution",
            "&what=shocks",
            "&what=series",
          ]) {
            await check(handler, { method: "GET", path: route.path, query: `dataset=${slug}${extra}`, headers: [] });
          }
        }
      }
      if (route.path === "/api/regions") {
        // The country's share (and a derivation's) read from the edge-case datasets and those the fuzzed imports wrote.
        for (const slug of [...FUZZ_SLUGS, ...[...acknowledged.keys()].filter((s) => !FUZZ_SLUGS.includes(s)).slice(0, 12)]) {
          for (const extra of [
            "&country=US",
            "&country=CN",
            "&country=CN&period=2020-04",
            "&country=US&basis=published&period=2025-07",
            "&country=RU&basis=sites",
          ]) {
            await check(handler, { method: "GET", path: route.path, query: `dataset=${slug}${extra}`, headers: [] });
          }
        }
      }
      await fc.assert(
        fc.asyncProperty(queryArb(keys), headersArb({ admin: false, contentTypes: CONTENT_TYPES }), async (query, headers) => {
          await check(handler, { method: "GET", path: route.path, query, headers });
        }),
        FC,
      );
      if (route.path === "/api/export") {
        // Well-formed exports of every kind, so that the file writers run on every dataset and scenario corner.
        await fc.assert(
          fc.asyncProperty(validExportQuery(), async (query) => {
            await check(handler, { method: "GET", path: route.path, query, headers: [] });
          }),
          { ...FC, numRuns: RUNS * 2 },
        );
      }
    }, 180_000);
  }

  it("GET /api/openapi.json (not in API_ROUTES itself) answers whatever the query", async () => {
    const handler = await routeHandler("/api/openapi.json", "get");
    await fc.assert(
      fc.asyncProperty(queryArb([]), async (query) => {
        await check(handler, { method: "GET", path: "/api/openapi.json", query, headers: [] });
      }),
      { ...FC, numRuns: Math.min(RUNS, 10) },
    );
  });

  it("left the seeded data untouched, the database intact and only acknowledged imports behind", () => {
    expect(seededCounts()).toEqual(countsBefore);
    const after = datasetRows();
    expect(after.filter((d) => SEEDED.has(d.slug))).toEqual(seededBefore);
    const created = after.filter((d) => !SEEDED.has(d.slug) && d.slug !== BEST_ESTIMATE_DATASET);
    expect(created.map((d) => d.slug).sort()).toEqual([...acknowledged.keys()].sort());
    for (const d of created) {
      const ack = acknowledged.get(d.slug);
      expect(d.kind).toBe(ack?.kind);
      expect(rowsOf(d.slug, d.kind), d.slug).toBe(ack?.rows);
    }
    withDb((db) => {
      // The best estimate is what the datasets left behind make of it: rebuilding it changes nothing.
      expect(db.transaction(() => rebuildBestEstimate(db, new Date().toISOString()))()).toBe("unchanged");
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(db.pragma("foreign_key_check")).toEqual([]);
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
