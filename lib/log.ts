import pino, { type DestinationStream, type Logger } from "pino";
import { env } from "./env";

// One structured (JSON lines) logger per process, level from LOG_LEVEL. Secrets are never logged:
// request logs carry method, route, status, duration and a request id, never headers or bodies.

const holder = globalThis as typeof globalThis & { __hashatlasLog?: Logger };

export function log(): Logger {
  holder.__hashatlasLog ??= pino({ level: env().LOG_LEVEL, base: { app: "hashatlas" }, timestamp: pino.stdTimeFunctions.isoTime });
  return holder.__hashatlasLog;
}

/** Tests: send log lines somewhere else (and back with `undefined`). */
export function setLogDestination(destination: DestinationStream | undefined, level = "info"): void {
  holder.__hashatlasLog = destination ? pino({ level, base: { app: "hashatlas" } }, destination) : undefined;
}
