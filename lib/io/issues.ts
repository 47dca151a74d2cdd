import type { z } from "zod";
import type { CsvRecord } from "./csv";

/** One problem with one cell or row of an input file, precise enough for a user to fix it. */
export type RowIssue = { file: string; line: number; column: string; message: string };

export class DataValidationError extends Error {
  constructor(readonly issues: RowIssue[]) {
    const first = issues[0];
    const head = first ? `${first.file}:${first.line} column "${first.column}": ${first.message}` : "invalid data";
    super(issues.length > 1 ? `${head} (and ${issues.length - 1} more problems)` : head);
    this.name = "DataValidationError";
  }
}

export function formatIssue(issue: RowIssue): string {
  return `${issue.file}:${issue.line} column "${issue.column}": ${issue.message}`;
}

/** Validate every record with a zod schema, collecting every issue rather than stopping at the first. */
export function validateRecords<S extends z.ZodType>(
  schema: S,
  records: CsvRecord[],
  file: string,
): { rows: { line: number; value: z.output<S> }[]; issues: RowIssue[] } {
  const rows: { line: number; value: z.output<S> }[] = [];
  const issues: RowIssue[] = [];
  for (const record of records) {
    const parsed = schema.safeParse(record.values);
    if (parsed.success) {
      rows.push({ line: record.line, value: parsed.data });
    } else {
      for (const issue of parsed.error.issues) {
        issues.push({ file, line: record.line, column: issue.path.map(String).join(".") || "(row)", message: issue.message });
      }
    }
  }
  return { rows, issues };
}
