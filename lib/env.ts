import path from "node:path";
import { z } from "zod";

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

// Validated once per process; every module reads configuration through `env()`, never process.env.
const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^file:.+/, "must be a SQLite file URL such as file:./data/hashatlas.db")
    .default("file:./data/hashatlas.db")
    .describe("SQLite database file; a relative path is resolved against the working directory"),
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
  [IMPORT_RATE_ENV]: ratePerMinute(DEFAULT_IMPORT_RATE_PER_MINUTE).describe("Imports per minute per client (429 with Retry-After above)"),
  [SIMULATE_RATE_ENV]: ratePerMinute(undefined).describe("Simulations per minute per client; unset or 0: no limit"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.infer<typeof EnvSchema> & { databasePath: string };

let cached: Env | undefined;

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${detail}`);
  }
  return { ...parsed.data, databasePath: databasePathFromUrl(parsed.data.DATABASE_URL) };
}

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** `file:./x.db` → absolute path, relative to the current directory as Prisma does. */
export function databasePathFromUrl(url: string): string {
  const raw = url.replace(/^file:/, "").split("?")[0] ?? "";
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), raw);
}
