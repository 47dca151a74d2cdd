import type { ImportFile } from "../io/import";
import { ApiError } from "./respond";

const RAW_TYPES = new Set(["text/csv", "application/json", "text/plain", "application/csv"]);

async function readCapped(stream: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Uint8Array> {
  if (!stream) return new Uint8Array();
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new ApiError(413, `the upload is larger than the limit of ${maxBytes} bytes`, "body");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The uploaded file: the raw body (text/csv or application/json) or the multipart field "file"; capped at maxBytes. */
export async function readUpload(request: Request, maxBytes: number): Promise<ImportFile> {
  const contentType = request.headers.get("content-type") ?? "";
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new ApiError(413, `the upload is ${declared} bytes; the limit is ${maxBytes}`, "body");
  if (RAW_TYPES.has(type)) {
    return { bytes: await readCapped(request.body, maxBytes), contentType: type, name: type === "application/json" ? "upload.json" : "upload.csv" };
  }
  if (type === "multipart/form-data") {
    const bytes = await readCapped(request.body, maxBytes);
    let form: FormData;
    try {
      form = await new Response(Buffer.from(bytes), { headers: { "content-type": contentType } }).formData();
    } catch {
      throw new ApiError(400, "the multipart body could not be read", "body");
    }
    const file = form.get("file");
    if (!file || typeof file === "string") throw new ApiError(400, 'the multipart body has no file field named "file"', "file");
    return { bytes: new Uint8Array(await file.arrayBuffer()), contentType: file.type || "text/csv", name: file.name || "upload.csv" };
  }
  throw new ApiError(415, `content-type must be text/csv, application/json or multipart/form-data, got "${type || "none"}"`, "content-type");
}
