import type { ImportFile } from "../io/import";
import { MAX_QUOTED_CHARS } from "../validation/limits";
import { readCapped } from "./body";
import { ApiError } from "./respond";

const RAW_TYPES = new Set(["text/csv", "application/json", "text/plain", "application/csv"]);

/** The uploaded file: the raw body (text/csv or application/json) or the multipart field "file"; capped at maxBytes. */
export async function readUpload(request: Request, maxBytes: number): Promise<ImportFile> {
  const contentType = request.headers.get("content-type") ?? "";
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new ApiError(413, `the upload is ${declared} bytes; the limit is ${maxBytes}`, "body");
  if (RAW_TYPES.has(type)) {
    return {
      bytes: await readCapped(request.body, maxBytes, "the upload"),
      contentType: type,
      name: type === "application/json" ? "upload.json" : "upload.csv",
    };
  }
  if (type === "multipart/form-data") {
    const bytes = await readCapped(request.body, maxBytes, "the upload");
    let form: FormData;
    try {
      form = await new Response(Buffer.from(bytes), { headers: { "content-type": contentType } }).formData();
    } catch {
      throw new ApiError(400, "the multipart body could not be read", "body");
    }
    const file = form.get("file");
    if (!file || typeof file === "string") throw new ApiError(400, 'the multipart body has no file field named "file"', "file");
    // Every message about the file names it: a name of megabytes would be repeated in each.
    return {
      bytes: new Uint8Array(await file.arrayBuffer()),
      contentType: file.type || "text/csv",
      name: file.name.slice(0, MAX_QUOTED_CHARS) || "upload.csv",
    };
  }
  throw new ApiError(415, `content-type must be text/csv, application/json or multipart/form-data, got "${type || "none"}"`, "content-type");
}
