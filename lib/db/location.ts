import path from "node:path";

/**
 * Where the data lives, as DATABASE_URL says: a SQLite file (`file:…`, the embedded default) or a
 * PostgreSQL database (`postgresql://…` or `postgres://…`). The one grammar for that choice: lib/env.ts,
 * the migrations and the Prisma client all read it from here.
 */
export type DatabaseLocation = { provider: "sqlite"; path: string } | { provider: "postgresql"; url: string };

export const POSTGRES_URL_PATTERN = /^postgres(ql)?:\/\/./;

/** `file:./x.db` → absolute path, relative to the current directory as Prisma does. */
export function databasePathFromUrl(url: string): string {
  const raw = url.replace(/^file:/, "").split("?")[0] ?? "";
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), raw);
}

/**
 * A DATABASE_URL (`file:…`, `postgresql://…`, `postgres://…`) or, as the scripts and tests have always
 * passed, a plain path to a SQLite file.
 */
export function databaseLocation(urlOrPath: string | DatabaseLocation): DatabaseLocation {
  if (typeof urlOrPath !== "string") return urlOrPath;
  if (POSTGRES_URL_PATTERN.test(urlOrPath)) return { provider: "postgresql", url: urlOrPath };
  if (urlOrPath.startsWith("file:")) return { provider: "sqlite", path: databasePathFromUrl(urlOrPath) };
  return { provider: "sqlite", path: urlOrPath };
}

/** Why a `postgresql://` URL cannot name a database, or undefined when it can. */
export function postgresUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "is not a valid URL";
  }
  if (parsed.hostname === "") return "names no host (postgresql://user:password@host:5432/database)";
  if (parsed.pathname.replace(/^\//, "") === "") return "names no database (postgresql://user:password@host:5432/database)";
  return undefined;
}

/** For messages and logs: the file, or the URL without its password. */
export function describeLocation(location: DatabaseLocation): string {
  if (location.provider === "sqlite") return location.path;
  try {
    const url = new URL(location.url);
    if (url.password !== "") url.password = "***";
    return url.toString();
  } catch {
    return "(an unparsable PostgreSQL URL)";
  }
}
