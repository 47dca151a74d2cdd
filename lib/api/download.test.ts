import { describe, expect, it } from "vitest";
import { downloadHeaders } from "./download";

describe("downloadHeaders", () => {
  it("saves under a safe file name", () => {
    expect(downloadHeaders({ filename: 'a"b.csv', kind: "csv" })["content-disposition"]).toBe('attachment; filename="a-b.csv"');
  });

  it.each([
    ["csv", "text/csv; charset=utf-8"],
    ["json", "application/json; charset=utf-8"],
    ["metadata", "application/json; charset=utf-8"],
  ] as const)("announces a %s file as %s, never sniffed or cached", (kind, type) => {
    expect(downloadHeaders({ filename: "f", kind })).toMatchObject({ "content-type": type, "x-content-type-options": "nosniff", "cache-control": "no-store" });
  });
});
