"use client";

import { apiUrls } from "@/lib/view/api-urls";

/** Links that download what a table or chart shows, from /api/export (CSV or JSON, with its metadata). */
export function Downloads({ what, params, label, testId }: { what: string; params: Record<string, string>; label: string; testId?: string }) {
  return (
    <p className="downloads" data-testid={testId}>
      <span className="muted">Download {label}:</span>{" "}
      <a href={apiUrls.export(what, params, "csv")} download data-testid={testId ? `${testId}-csv` : undefined}>
        CSV
      </a>{" "}
      ·{" "}
      <a href={apiUrls.export(what, params, "json")} download>
        JSON
      </a>{" "}
      ·{" "}
      <a href={apiUrls.export(what, params, "metadata")} download>
        column definitions and sources
      </a>
    </p>
  );
}

/** The map as drawn, as a PNG (the canvas keeps its drawing buffer for this). */
export function MapPngButton({ filename }: { filename: string }) {
  return (
    <button
      type="button"
      className="button small"
      data-testid="download-map-png"
      onClick={() => {
        const canvas = window.__hashatlasMap?.getCanvas();
        if (!canvas) return;
        const a = document.createElement("a");
        a.href = canvas.toDataURL("image/png");
        a.download = filename;
        a.click();
      }}
    >
      Download map (PNG)
    </button>
  );
}
