import { parseCsv } from "./csv";
import { type RowIssue, validateRecords } from "./issues";
import { ShockObservationRowSchema, type ShockObservationRecord } from "../validation/observations";

/** shock_observations_2022_2026.csv: every row validated (file, line, column in each issue), the file kept verbatim. */
export function parseShockObservationsCsv(text: string, file: string): { observations: ShockObservationRecord[]; issues: RowIssue[] } {
  const { rows, issues } = validateRecords(ShockObservationRowSchema, parseCsv(text, file).records, file);
  const observations = rows.map(({ value }) => ({
    eventId: value.event_id,
    event: value.event,
    dateLabel: value.date_utc.label,
    date: value.date_utc.start,
    endDate: value.date_utc.end,
    jurisdiction: value.jurisdiction,
    metric: value.metric,
    valueText: value.value.text,
    valueLow: value.value.low,
    valueHigh: value.value.high,
    unit: value.unit,
    certainty: value.certainty,
    sourceUrl: value.source_url,
    note: value.note,
  }));
  return { observations, issues };
}
