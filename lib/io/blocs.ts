import { parseCsv } from "./csv";
import { type RowIssue, validateRecords } from "./issues";
import { BlocCsvRowSchema, type BlocRecord, ShockCsvRowSchema, type ShockEventRecord } from "../validation/blocs";

export function parseBlocsCsv(text: string, file: string): { blocs: BlocRecord[]; issues: RowIssue[] } {
  const { rows, issues } = validateRecords(BlocCsvRowSchema, parseCsv(text, file).records, file);
  const blocs = rows.map(({ value }) => ({
    id: value.id,
    name: value.name,
    description: value.description,
    membershipAsOf: value.membership_as_of,
    sourceUrl: value.source_url,
    members: value.members,
  }));
  return { blocs, issues };
}

export function parseShockEventsCsv(text: string, file: string): { shocks: ShockEventRecord[]; issues: RowIssue[] } {
  const { rows, issues } = validateRecords(ShockCsvRowSchema, parseCsv(text, file).records, file);
  const shocks = rows.map(({ value }) => ({
    slug: value.slug,
    date: value.date,
    endDate: value.end_date,
    kind: value.kind,
    title: value.title,
    description: value.description,
    sourceUrl: value.source_url,
    countries: value.countries,
  }));
  return { shocks, issues };
}
