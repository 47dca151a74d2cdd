"use client";

import { useState } from "react";
import { type CountryRow, type SortKey, sortRows } from "@/lib/view/dashboard";

const COLUMNS: { key: SortKey; label: string; numeric: boolean; cell: (r: CountryRow) => string }[] = [
  { key: "rank", label: "Rank", numeric: true, cell: (r) => String(r.rank) },
  { key: "name", label: "Country", numeric: false, cell: (r) => r.name },
  { key: "share", label: "Share", numeric: true, cell: (r) => r.shareText },
  { key: "hashrateEh", label: "Hashrate", numeric: true, cell: (r) => r.hashrateText },
  { key: "priceUsd", label: "Power price", numeric: true, cell: (r) => r.priceText },
  { key: "costUsd", label: "Electricity per BTC", numeric: true, cell: (r) => r.costText },
  { key: "intervalMinutes", label: "Block interval if shut down", numeric: true, cell: (r) => r.intervalText },
];

/** The accessible alternative to the map: every number it paints, sortable by any column. */
export function CountryTable({ rows, caption, onSelect }: { rows: CountryRow[]; caption: string; onSelect: (iso2: string) => void }) {
  const [sort, setSort] = useState<{ key: SortKey; direction: "ascending" | "descending" }>({ key: "rank", direction: "ascending" });
  const sorted = sortRows(rows, sort.key, sort.direction);
  // Wider than a phone: it scrolls sideways inside its card, in a region the keyboard can reach.
  return (
    <div role="region" aria-label={caption} tabIndex={0} className="table-scroll">
      <table className="data country-table" data-testid="country-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.key} scope="col" className={c.numeric ? "num" : undefined} aria-sort={sort.key === c.key ? sort.direction : "none"}>
                <button
                  type="button"
                  className="sort"
                  onClick={() =>
                    setSort((s) => ({
                      key: c.key,
                      direction:
                        s.key === c.key && s.direction === "ascending"
                          ? "descending"
                          : s.key === c.key
                            ? "ascending"
                            : c.numeric && c.key !== "rank"
                              ? "descending"
                              : "ascending",
                    }))
                  }
                >
                  {c.label}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={r.iso2} data-iso2={r.iso2}>
              {COLUMNS.map((c) =>
                c.key === "name" ? (
                  <td key={c.key}>
                    <button type="button" className="link" onClick={() => onSelect(r.iso2)}>
                      {r.name}
                    </button>
                  </td>
                ) : (
                  <td key={c.key} className={c.numeric ? "num" : undefined}>
                    {c.cell(r)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
