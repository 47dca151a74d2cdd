"use client";

import { useEffect, useRef } from "react";
import type { RiskRow } from "@/lib/view/risk";
import { ProbabilityInput } from "./ProbabilityInput";
import styles from "./risk.module.css";

/**
 * The events and their probabilities: one labelled input per event (the keyboard moves through
 * them with Tab, arrows step by 1 %), each row saying whether it is the default and resetting to it.
 */
export function ProbabilityTable(props: {
  rows: RiskRow[];
  /** The country picked on the map: its row is brought into view. */
  selected: string | null;
  onSet: (row: RiskRow, probability: number | null) => void;
}) {
  const { rows, selected, onSet } = props;
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (selected) scroller.current?.querySelector(`tr[data-id="${selected}"]`)?.scrollIntoView({ block: "nearest" });
  }, [selected]);
  return (
    <div ref={scroller} className={styles.tableScroll} role="region" aria-label="Events and their probabilities" tabIndex={0}>
      <table className={`data ${styles.table}`} data-testid="risk-table">
        <caption className="visually-hidden">
          Each event, the share of its hashrate it takes offline, its probability within the horizon (editable, in percent) and its part of the expected loss
        </caption>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col" className="num">
              Probability (%)
            </th>
            <th scope="col" className="num">
              Expected loss
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const hint = `risk-hint-${row.id}`;
            return (
              <tr key={row.id} data-id={row.id} data-default={row.isDefault} className={row.id === selected ? styles.selected : undefined}>
                <th scope="row">
                  <span className={styles.eventName}>
                    {row.name}
                    {row.kind === "bloc" && <span className={styles.tag}>bloc</span>}
                  </span>
                  <span className={styles.detail} id={hint}>
                    {row.kind === "bloc" ? `${row.detail}; ` : ""}
                    {row.fractionText}
                    {row.isDefault ? "" : `; default ${row.defaultText}`}
                  </span>
                </th>
                <td className="num">
                  <span className={styles.inputCell}>
                    <ProbabilityInput
                      id={`risk-p-${row.id}`}
                      value={row.probability}
                      label={`Probability of ${row.name} (%)`}
                      describedBy={hint}
                      onChange={(p) => onSet(row, p)}
                    />
                    {row.isDefault ? (
                      <span className={styles.defaultMark} title="The heuristic default">
                        default
                      </span>
                    ) : (
                      <button type="button" className="button small" onClick={() => onSet(row, null)} aria-label={`Reset ${row.name} to its default`}>
                        ↺
                      </button>
                    )}
                  </span>
                </td>
                <td className="num" data-testid={`risk-contribution-${row.id}`}>
                  {row.contributionText}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
