"use client";

import { useState } from "react";
import type { Shocks } from "@/lib/validation/responses";
import { formatDays, formatEh, formatInteger, formatMinutes, formatShare, formatSignedPercent } from "@/lib/view/format";

type Row = Shocks["rows"][number];
type Key = "lostShare" | "blockIntervalMinutes" | "daysToRetarget" | "difficultyChange" | "hhiAfter" | "name";

const COLUMNS: { key: Key; label: string; cell: (r: Row) => string }[] = [
  { key: "name", label: "Jurisdiction", cell: (r) => r.name },
  { key: "lostShare", label: "Hashrate lost", cell: (r) => `${formatShare(r.lostShare)} (${formatEh(r.hashrateLostEh)})` },
  { key: "blockIntervalMinutes", label: "Block interval", cell: (r) => formatMinutes(r.blockIntervalMinutes) },
  { key: "daysToRetarget", label: "Next retarget in", cell: (r) => formatDays(r.daysToRetarget) },
  { key: "difficultyChange", label: "Difficulty change", cell: (r) => formatSignedPercent(r.difficultyChange) },
  { key: "hhiAfter", label: "HHI after", cell: (r) => (r.hhiAfter === null ? "—" : formatInteger(r.hhiAfter)) },
];

const CAPTION = "Each country and bloc shut down alone, at the start of an epoch";

/** "Which shutdown hurts most": every country with a share and every bloc, one click from its simulation. */
export function ShockTable({ rows, onSimulate }: { rows: Row[]; onSimulate: (id: string) => void }) {
  const [sort, setSort] = useState<{ key: Key; direction: "ascending" | "descending" }>({ key: "lostShare", direction: "descending" });
  const sign = sort.direction === "ascending" ? 1 : -1;
  const sorted = [...rows].sort((a, b) => {
    const x = a[sort.key];
    const y = b[sort.key];
    if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
    return typeof x === "string" && typeof y === "string" ? sign * x.localeCompare(y, "en") : sign * (Number(x) - Number(y));
  });
  // Wider than a phone: it scrolls sideways inside its card, in a region the keyboard can reach.
  return (
    <div role="region" aria-label={CAPTION} tabIndex={0} className="table-scroll">
      <table className="data shock-table" data-testid="shock-table">
        <caption>{CAPTION}</caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.key} scope="col" aria-sort={sort.key === c.key ? sort.direction : "none"} className={c.key === "name" ? undefined : "num"}>
                <button
                  type="button"
                  className="sort"
                  onClick={() => setSort((s) => ({ key: c.key, direction: s.key === c.key && s.direction === "descending" ? "ascending" : "descending" }))}
                >
                  {c.label}
                </button>
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">Simulate</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={`${r.kind}-${r.id}`} data-id={r.id}>
              {COLUMNS.map((c) => (
                <td key={c.key} className={c.key === "name" ? undefined : "num"}>
                  {c.cell(r)}
                  {c.key === "name" && r.kind === "bloc" ? <span className="muted"> (bloc)</span> : null}
                </td>
              ))}
              <td>
                <button type="button" className="button small" onClick={() => onSimulate(r.id)} aria-label={`Simulate a shutdown of ${r.name}`}>
                  Simulate
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
