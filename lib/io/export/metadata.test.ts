import { describe, expect, it } from "vitest";
import { citation, exportFilenames, safeFilePart } from "./metadata";

describe("file names and citation", () => {
  it("names files hashatlas-<what>-<dataset>-<period> with safe characters only", () => {
    expect(exportFilenames({ what: "series", dataset: "cbeci-monthly", period: "all" }, "csv")).toEqual({
      data: "hashatlas-series-cbeci-monthly-all.csv",
      metadata: "hashatlas-series-cbeci-monthly-all-metadata.json",
    });
    expect(exportFilenames({ what: "scenario", dataset: "cbeci-monthly", period: "2021-05", extra: "CN-RU-EAEU" }, "json").data).toBe(
      "hashatlas-scenario-cbeci-monthly-2021-05-CN-RU-EAEU.json",
    );
    expect(exportFilenames({ what: "sites", dataset: "all-datasets", period: null }, "csv").data).toBe("hashatlas-sites-all-datasets.csv");
    expect(safeFilePart('../"evil"\r\nname;.csv')).toBe("evil-name-.csv");
  });

  it("cites the app, the export and every dataset title", () => {
    expect(citation("0.1.0", "shocks", new Date("2026-11-30T12:00:00Z"), [{ title: "CBECI Mining Map" }, { title: "Blocs" }])).toBe(
      "HashAtlas 0.1.0, shocks export (2026-11-30), from CBECI Mining Map; Blocs; cite the original sources listed.",
    );
  });
});
