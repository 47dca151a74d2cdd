import type { z } from "zod";
import { ApiError, ApiQueryError } from "./respond";

/**
 * Read and validate a JSON request body. Next's route handlers have no body limit of their own, so
 * the size is capped here (413) while reading; other content types are refused (415).
 */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S, maxBytes: number): Promise<z.output<S>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw new ApiError(415, `content-type must be application/json, got "${type || "none"}"`, "content-type");
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new ApiError(413, `body is ${declared} bytes; the limit is ${maxBytes}`, "body");
  // With a declared length within the limit, read it in one go (the runtime enforces the length);
  // without one (chunked), count while streaming.
  if (request.headers.has("content-length")) return validate(schema, await request.text());
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw new ApiError(413, `body is larger than the limit of ${maxBytes} bytes`, "body");
      }
      chunks.push(value);
    }
  }
  return validate(schema, Buffer.concat(chunks).toString("utf8"));
}

function validate<S extends z.ZodType>(schema: S, text: string): z.output<S> {
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
