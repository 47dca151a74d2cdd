import type { z } from "zod";

// One request to a data source, and every way it can fail said in one line naming the URL. The
// sources are a user's own node or mempool instance: what they answer is untrusted and parsed.

/** How long a source may take to answer one request, body included (`--timeout-ms` overrides it). */
export const SYNC_TIMEOUT_MS = 15_000;

/** The source could not be read, or answered something unusable; nothing was written. */
export class SourceError extends Error {
  constructor(
    /** The URL as it may be shown (no password). */
    readonly url: string,
    readonly problem: string,
  ) {
    super(`${url}: ${problem}`);
    this.name = "SourceError";
  }
}

export type Answer = { status: number; statusText: string; contentType: string; text: string };

const NETWORK_PROBLEMS: Record<string, string> = {
  ECONNREFUSED: "connection refused (is the server running on that host and port?)",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host name could not be resolved",
  ECONNRESET: "the connection was reset before the answer was complete",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  UND_ERR_SOCKET: "the connection closed before the answer was complete",
};

function codeOf(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e !== null && typeof e === "object" && depth < 4; depth++) {
    if ("code" in e && typeof e.code === "string") return e.code;
    e = "cause" in e ? e.cause : null;
  }
  return undefined;
}

function problemOf(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return `no complete answer within ${timeoutMs} ms`;
  const code = codeOf(error);
  if (code && NETWORK_PROBLEMS[code]) return NETWORK_PROBLEMS[code];
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return cause ? `${message} (${cause})` : message;
}

/** Largest answer read (the whole mempool history is about 1 MB): a source that sends more is refused, not buffered. */
export const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

class TooLarge extends Error {}

async function readText(response: Response): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (let part = await reader.read(); !part.done; part = await reader.read()) {
    total += part.value.byteLength;
    if (total > MAX_ANSWER_BYTES) {
      await reader.cancel();
      throw new TooLarge();
    }
    chunks.push(part.value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Send one request and read the whole answer within `timeoutMs`; network failures become SourceError. */
export async function request(url: string, shownUrl: string, init: RequestInit, timeoutMs: number): Promise<Answer> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await readText(response);
    return { status: response.status, statusText: response.statusText, contentType: response.headers.get("content-type") ?? "", text };
  } catch (error) {
    if (error instanceof TooLarge) throw new SourceError(shownUrl, `answer larger than ${MAX_ANSWER_BYTES} bytes`);
    throw new SourceError(shownUrl, problemOf(error, timeoutMs));
  }
}

/** The start of an answer, for an error message. */
export function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 80 ? `${flat.slice(0, 80)}…` : flat;
}

/** The answer's text as JSON; a page of HTML or a cut-off answer is said as such. */
export function parseJsonAnswer(answer: Answer, shownUrl: string): unknown {
  if (answer.text.trim() === "") throw new SourceError(shownUrl, `empty answer (HTTP ${answer.status})`);
  try {
    return JSON.parse(answer.text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const what = /json/i.test(answer.contentType) || answer.contentType === "" ? "answer" : `answer (${answer.contentType.split(";")[0]})`;
    throw new SourceError(shownUrl, `${what} is not valid JSON (${reason}): ${excerpt(answer.text)}`);
  }
}

/** Parse with a zod schema; the first problem names the field, e.g. `hashrates.3.avgHashrate`. */
export function parseShape<S extends z.ZodType>(schema: S, value: unknown, shownUrl: string, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length ? `${issue.path.map(String).join(".")}: ` : "";
  const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problems)` : "";
  throw new SourceError(shownUrl, `${what} has an unexpected shape: ${where}${issue?.message ?? "invalid"}${more}`);
}
