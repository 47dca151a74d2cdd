import type { Drop, DropFigure, NetworkEventFigure, Observation } from "./types";

// The observed side of a backtest (docs/methodology.md#backtests): which sourced figures measure the
// fall in network hashrate, the drop or range they span, and the error of a prediction against it.

/** A figure the case sets aside, named by its page and metric (and date label, where a page gives several), with the reason. */
export type Exclusion = { sourceUrl: string; metric: Observation["metric"]; dateLabel?: string; why: string };

/** How a page labels its readings in the note: the reading before the shock, and the lowest one during it. */
const BEFORE = /^before\b/i;
const TROUGH = /^(trough|after\/trough)\b/i;

/** Two figures this close are the same fall written differently. */
const SAME = 1e-9;

const percent = (v: number) => `${v < 0 ? "−" : "+"}${Math.abs(v)} %`;
/** −13.4 / 100 is −0.13400000000000001 in binary: twelve significant digits are the figure. */
const tidy = (x: number) => Number(x.toPrecision(12));

/**
 * The fall figures among one event's observations: every reported change of network hashrate in %
 * (a range gives both ends), and for every page that gives both a "before" and a "trough" reading,
 * 1 − trough / before. Readings from different pages are never paired: providers differ by 10–20 %.
 */
export function observationDropFigures(rows: readonly Observation[], exclusions: readonly Exclusion[] = []): DropFigure[] {
  const excluded = (url: string, metric: Observation["metric"], dateLabel: string) =>
    exclusions.find((e) => e.sourceUrl === url && e.metric === metric && (e.dateLabel === undefined || e.dateLabel === dateLabel))?.why ?? null;
  const figures: DropFigure[] = [];
  for (const row of rows) {
    if (row.metric !== "network_hashrate_change" || row.valueLow === null || row.valueHigh === null) continue;
    const base = { how: "change" as const, dateLabel: row.dateLabel, measuredBy: row.certainty, sources: [row.sourceUrl] };
    if (row.unit !== "%") {
      const why = `an absolute change (${row.valueText} ${row.unit}) with no reading before it on the same page to make it a fraction`;
      figures.push({ ...base, drop: null, text: `${row.valueText} ${row.unit}`, leftOut: excluded(row.sourceUrl, row.metric, row.dateLabel) ?? why });
      continue;
    }
    for (const value of row.valueLow === row.valueHigh ? [row.valueLow] : [row.valueLow, row.valueHigh]) {
      if (value >= 0) continue; // a rise is no fall
      figures.push({ ...base, drop: tidy(-value / 100), text: percent(value), leftOut: excluded(row.sourceUrl, row.metric, row.dateLabel) });
    }
  }
  const pages = new Map<string, Observation[]>();
  for (const row of rows) {
    if (row.metric !== "network_hashrate" || row.valueLow === null) continue;
    pages.set(row.sourceUrl, [...(pages.get(row.sourceUrl) ?? []), row]);
  }
  for (const [url, readings] of pages) {
    const before = readings
      .filter((r) => BEFORE.test(r.note ?? ""))
      .sort((a, b) => a.date.localeCompare(b.date))
      .at(-1);
    const trough = readings.filter((r) => TROUGH.test(r.note ?? "")).sort((a, b) => (a.valueLow ?? 0) - (b.valueLow ?? 0))[0];
    if (!before || !trough || before.valueLow === null || trough.valueLow === null) continue;
    figures.push({
      drop: tidy(1 - trough.valueLow / before.valueLow),
      how: "before-trough",
      text: `${before.valueText} → ${trough.valueText} ${before.unit}`,
      dateLabel: `${before.dateLabel} → ${trough.dateLabel}`,
      measuredBy: before.certainty,
      sources: [url],
      leftOut: excluded(url, "network_hashrate", trough.dateLabel),
    });
  }
  return figures;
}

/** Network-events rows named by their event label (and date label, where one label repeats). */
export type EventMatcher = { event: string; dateLabel?: string };
export type EventPair = { before: EventMatcher; trough: EventMatcher; leftOut?: string };

function findEvent(rows: readonly NetworkEventFigure[], m: EventMatcher): NetworkEventFigure | undefined {
  const found = rows.filter((r) => r.event === m.event && (m.dateLabel === undefined || r.dateLabel === m.dateLabel));
  return found.length === 1 ? found[0] : undefined;
}

/** Falls from network-events readings the case pairs explicitly (they carry no before/trough labels); a pair not found is skipped. */
export function eventDropFigures(rows: readonly NetworkEventFigure[], pairs: readonly EventPair[]): DropFigure[] {
  return pairs.flatMap(({ before: b, trough: t, leftOut }) => {
    const before = findEvent(rows, b);
    const trough = findEvent(rows, t);
    if (!before?.value || trough?.value === undefined || trough.value === null) return [];
    const measuredBy = before.certainty === trough.certainty ? before.certainty : `${before.certainty}; ${trough.certainty}`;
    return [
      {
        drop: tidy(1 - trough.value / before.value),
        how: "before-trough" as const,
        text: `${before.valueText} → ${trough.valueText} ${before.unit}`,
        dateLabel: `${before.dateLabel} → ${trough.dateLabel}`,
        measuredBy,
        sources: [...new Set([before.sourceUrl, trough.sourceUrl])],
        leftOut: leftOut ?? null,
      },
    ];
  });
}

/** The drop the used figures state: one number when they agree, else the range from the smallest to the largest; null when none is used. */
export function observedDropOf(figures: readonly DropFigure[]): Drop | null {
  const drops = figures.filter((f) => f.leftOut === null && f.drop !== null).map((f) => f.drop ?? 0);
  if (drops.length === 0) return null;
  const low = Math.min(...drops);
  const high = Math.max(...drops);
  return high - low < SAME ? low : { low, high };
}

/** predicted − observed; against a range, to its nearest end (0 inside it). */
export function dropError(predicted: number, observed: Drop): { signed: number; absolute: number } {
  const signed =
    typeof observed === "number"
      ? predicted - observed
      : predicted < observed.low
        ? predicted - observed.low
        : predicted > observed.high
          ? predicted - observed.high
          : 0;
  return { signed, absolute: Math.abs(signed) };
}

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
