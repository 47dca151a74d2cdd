import { isIP } from "node:net";
import { z } from "zod";
import { type DatabaseLocation, databaseLocation, describeLocation, POSTGRES_URL_PATTERN, postgresUrlProblem } from "./db/location";

export { databasePathFromUrl, type DatabaseLocation } from "./db/location";

export const IMPORT_RATE_ENV = "HASHATLAS_IMPORT_RATE_PER_MINUTE";
export const DEFAULT_IMPORT_RATE_PER_MINUTE = 30;
export const SIMULATE_RATE_ENV = "HASHATLAS_SIMULATE_RATE_PER_MINUTE";
const MAX_RATE_PER_MINUTE = 1_000_000;

/**
 * A per-client limit in requests per minute. Unset or empty means `fallback`; 0 means no limit, and
 * is allowed only where there is no default (a default limit cannot be switched off by accident).
 * The one rule for these variables: start-up validation and the rate limiter both read it.
 */
export function ratePerMinute(fallback: number | undefined) {
  const notWhole = "must be a whole number of requests per minute";
  const min = fallback === undefined ? 0 : 1;
  return z.preprocess(
    (v) => (v === undefined || v === "" ? fallback : v),
    z.coerce
      .number({ error: notWhole })
      .int(notWhole)
      .min(min, `must be at least ${min}`)
      .max(MAX_RATE_PER_MINUTE, `must be at most ${MAX_RATE_PER_MINUTE}`)
      .optional(),
  );
}

export const TRUST_PROXY_ENV = "HASHATLAS_TRUST_PROXY";
export const ALLOWED_HOSTS_ENV = "HASHATLAS_ALLOWED_HOSTS";
export const BODY_TIMEOUT_ENV = "HASHATLAS_BODY_TIMEOUT_SECONDS";
export const MAX_IMPORT_ROWS_ENV = "HASHATLAS_MAX_IMPORT_ROWS";
export const DEFAULT_BODY_TIMEOUT_SECONDS = 30;
export const DEFAULT_MAX_IMPORT_ROWS = 500_000;
export const CACHE_SECONDS_ENV = "HASHATLAS_CACHE_SECONDS";
/** A shared cache (a CDN, nginx) may serve an answer this long without asking: short, since an import changes answers at once. */
export const DEFAULT_CACHE_SECONDS = 10;
const MAX_TRUSTED_HOPS = 16;

/** Which proxies' X-Forwarded-For entries are believed: a hop count, or the proxies' own addresses. */
export type TrustProxy = { hops: number } | { addresses: string[] };

const unsetIfEmpty = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const commaList = (v: string) =>
  v
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);

/**
 * HASHATLAS_TRUST_PROXY: unset — X-Forwarded-For is ignored and clients are told apart by the socket
 * address; a whole number N (1–16) — N proxies stand in front and the client is the N-th address
 * from the right of X-Forwarded-For; a comma-separated list of IP addresses — the proxies at those
 * addresses are believed, and the client is the rightmost address not in the list.
 */
export const trustProxySchema = z.preprocess(
  unsetIfEmpty,
  z
    .string()
    .transform((value, ctx): TrustProxy | typeof z.NEVER => {
      if (/^\d+$/.test(value.trim())) {
        const hops = Number(value.trim());
        if (hops >= 1 && hops <= MAX_TRUSTED_HOPS) return { hops };
        ctx.addIssue({ code: "custom", message: `a hop count must be 1–${MAX_TRUSTED_HOPS}` });
        return z.NEVER;
      }
      const addresses = commaList(value);
      const bad = addresses.find((a) => isIP(a) === 0);
      if (bad !== undefined || addresses.length === 0) {
        ctx.addIssue({ code: "custom", message: `must be a hop count or a comma-separated list of IP addresses${bad ? ` ("${bad}" is not one)` : ""}` });
        return z.NEVER;
      }
      return { addresses };
    })
    .optional(),
);

/** HASHATLAS_ALLOWED_HOSTS: host names (optionally host:port) a request's Host header may name; unset: any. */
export const allowedHostsSchema = z.preprocess(
  unsetIfEmpty,
  z
    .string()
    .transform((value, ctx): string[] | typeof z.NEVER => {
      const hosts = commaList(value);
      const bad = hosts.find((h) => !/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/.test(h));
      if (bad !== undefined || hosts.length === 0) {
        ctx.addIssue({ code: "custom", message: `must be a comma-separated list of host names or host:port${bad ? ` ("${bad}" is not one)` : ""}` });
        return z.NEVER;
      }
      return hosts;
    })
    .optional(),
);

// Validated once per process; every module reads configuration through `env()`, never process.env.
const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .superRefine((url, ctx) => {
      if (/^file:.+/.test(url)) return;
      const problem = POSTGRES_URL_PATTERN.test(url)
        ? postgresUrlProblem(url)
        : "must be a SQLite file URL such as file:./data/hashatlas.db or a PostgreSQL URL postgresql://user:password@host:5432/database";
      // The URL itself is left out of the message: it may hold a password.
      if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
    })
    .default("file:./data/hashatlas.db")
    .describe("file:<path> for a SQLite file (a relative path is resolved against the working directory), or postgresql://… for PostgreSQL"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1").describe("Interface npm start listens on; 0.0.0.0 to serve a network"),
  // An empty value means "not set" (writes disabled), as in `HASHATLAS_ADMIN_TOKEN= npm start`.
  HASHATLAS_ADMIN_TOKEN: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(16, "must be at least 16 characters").optional()),
  HASHATLAS_MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1_000_000_000)
    .default(10_000_000)
    .describe("Largest import accepted, in bytes (413 above)"),
  [IMPORT_RATE_ENV]: ratePerMinute(DEFAULT_IMPORT_RATE_PER_MINUTE).describe(
    "Imports per minute per client, counted by each process on its own (429 with Retry-After above)",
  ),
  [SIMULATE_RATE_ENV]: ratePerMinute(undefined).describe("Simulations per minute per client, counted by each process on its own; unset or 0: no limit"),
  [TRUST_PROXY_ENV]: trustProxySchema.describe("Trust X-Forwarded-For from this many proxies (a hop count) or from these proxy addresses; unset: never"),
  [ALLOWED_HOSTS_ENV]: allowedHostsSchema.describe("Host headers served (comma-separated, host or host:port); others get 421; unset: any"),
  [BODY_TIMEOUT_ENV]: z.coerce
    .number()
    .int()
    .min(1)
    .max(3600)
    .default(DEFAULT_BODY_TIMEOUT_SECONDS)
    .describe("Seconds a request body may take to arrive in full (408 after)"),
  [MAX_IMPORT_ROWS_ENV]: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000_000)
    .default(DEFAULT_MAX_IMPORT_ROWS)
    .describe("Most data rows an imported file may hold (422 above)"),
  [CACHE_SECONDS_ENV]: z.coerce
    .number()
    .int()
    .min(0)
    .max(86_400)
    .default(DEFAULT_CACHE_SECONDS)
    .describe("Seconds a shared cache may serve a GET answer before revalidating it (Cache-Control s-maxage); 0: always revalidate"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.infer<typeof EnvSchema> & {
  /** Where the data lives: the SQLite file or the PostgreSQL database DATABASE_URL names. */
  database: DatabaseLocation;
  /** The SQLite file; reading it when DATABASE_URL is a PostgreSQL URL throws PostgresNotServedError. */
  databasePath: string;
};

/**
 * The app serves, seeds, imports, syncs and exports on either backend (env().database); what works on a
 * SQLite file only (its online backup, npm run db:backup) asks for databasePath, and stops here, by name,
 * while DATABASE_URL names PostgreSQL.
 */
export class PostgresNotServedError extends Error {
  override name = "PostgresNotServedError";
  constructor(location: DatabaseLocation) {
    super(
      `DATABASE_URL names PostgreSQL (${describeLocation(location)}): this command works on a SQLite file only (DATABASE_URL=file:…); back a PostgreSQL database up with pg_dump (README, "Scaling out")`,
    );
  }
}

let cached: Env | undefined;

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${detail}`);
  }
  const database = databaseLocation(parsed.data.DATABASE_URL);
  if (database.provider === "sqlite") return { ...parsed.data, database, databasePath: database.path };
  const config: Env = {
    ...parsed.data,
    database,
    get databasePath(): string {
      throw new PostgresNotServedError(database);
    },
  };
  // Not enumerable: spreading the configuration must not throw.
  Object.defineProperty(config, "databasePath", { enumerable: false });
  return config;
}

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
