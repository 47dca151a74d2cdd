import type { z } from "zod";
import { env } from "../env";
import { ApiError, ApiQueryError, ClientAbort } from "./respond";

/**
 * Read a JSON request body as text. Next's route handlers have no body limit of their own, so the
 * size is capped here (413) while reading; other content types are refused (415). The stream is
 * read directly: in Next 16's Node runtime that costs less than `request.text()`, which matters on
 * a route whose answers are mostly served from the cache.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<string> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw new ApiError(415, `content-type must be application/json, got "${type || "none"}"`, "content-type");
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new ApiError(413, `body is ${declared} bytes; the limit is ${maxBytes}`, "body");
  const bytes = await readCapped(request.body, maxBytes, "body");
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
}

/**
 * A request body, counted as it arrives (a chunked body declares no length) and cut off with a 413
 * naming `what` as soon as it passes maxBytes.
 *
 * It must arrive in full within HASHATLAS_BODY_TIMEOUT_SECONDS, or the read stops with a 408: a
 * client that sends half a body and stalls would otherwise hold the handler until Node's own
 * requestTimeout (300 s). A body that cannot be read because the client went away is a ClientAbort
 * (logged as such by `handler`, not as a failure of the server).
 */
export async function readCapped(
  stream: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  what: string,
  timeoutMs = env().HASHATLAS_BODY_TIMEOUT_SECONDS * 1000,
): Promise<Uint8Array> {
  if (!stream) return new Uint8Array();
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), timeoutMs)));
  try {
    for (;;) {
      let read: ReadableStreamReadResult<Uint8Array> | "late";
      try {
        read = await Promise.race([reader.read(), late]);
      } catch (error) {
        throw new ClientAbort(error);
      }
      if (read === "late") {
        void reader.cancel().catch(() => undefined);
        const seconds = Math.round(timeoutMs / 100) / 10;
        throw new ApiError(408, `${what} did not arrive in full within ${seconds} s (${size} bytes came)`, "body");
      }
      if (read.done) break;
      size += read.value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw new ApiError(413, `${what} is larger than the limit of ${maxBytes} bytes`, "body");
      }
      chunks.push(read.value);
    }
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks);
}

/** Parse and validate a JSON text; a 400 names the first offending field. */
export function parseJson<S extends z.ZodType>(schema: S, text: string): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ApiError(400, `body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, "body");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ field: i.path.map(String).join(".") || "body", message: i.message }));
    const first = issues[0] ?? { field: "body", message: "invalid body" };
    throw new ApiQueryError(first.field, `${first.field}: ${first.message}`, issues);
  }
  return parsed.data;
}
