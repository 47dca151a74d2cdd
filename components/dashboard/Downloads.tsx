"use client";

/** Links that download what a table or chart shows, from /api/export (CSV or JSON, with its metadata). */
export function Downloads({ what, params, label, testId }: { what: string; params: Record<string, string>; label: string; testId?: string }) {
  const base = `/api/export?${new URLSearchParams({ what, ...params }).toString()}`;
  return (
    <p className="downloads" data-testid={testId}>
      <span className="muted">Download {label}:</span>{" "}
      <a href={`${base}&format=csv`} download data-testid={testId ? `${testId}-csv` : undefined}>
        CSV
      </a>{" "}
      ·{" "}
      <a href={`${base}&format=json`} download>
        JSON
      </a>{" "}
      ·{" "}
      <a href={`${base}&format=csv&metadata=1`} download>
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
