import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DataValidationError, formatIssue, type RowIssue, validateRecords } from "./issues";

const issue = (line: number, column: string, message: string): RowIssue => ({ file: "data/f.csv", line, column, message });

describe("DataValidationError", () => {
  it.each([
    [[issue(5, "monthly_hashrate_%", '"4.x6%" is not a percentage')], 'data/f.csv:5 column "monthly_hashrate_%": "4.x6%" is not a percentage'],
    [[issue(2, "country", "is empty"), issue(3, "share", "is empty")], 'data/f.csv:2 column "country": is empty (and 1 more problems)'],
    [[], "invalid data"],
  ])("says where the first problem is: %j", (issues, message) => {
    const error = new DataValidationError(issues);
    expect(error.message).toBe(message);
    expect(error.issues).toEqual(issues);
  });

  it('formats one issue as file:line column "name": message', () => {
    expect(formatIssue(issue(7, "lat_approx", "must be within -90…90"))).toBe('data/f.csv:7 column "lat_approx": must be within -90…90');
  });
});

describe("validateRecords", () => {
  const schema = z
    .object({ a: z.string().min(1, "is empty"), b: z.string().regex(/^\d+$/, "is not digits").transform(Number) })
    .refine((r) => r.a !== "x", "a row of x");

  it("keeps each valid row with its line and collects every issue of every row, rather than stopping at the first", () => {
    const { rows, issues } = validateRecords(
      schema,
      [
        { line: 2, values: { a: "ok", b: "1" } },
        { line: 3, values: { a: "", b: "z" } },
        { line: 5, values: { a: "x", b: "2" } },
      ],
      "data/f.csv",
    );
    expect(rows).toEqual([{ line: 2, value: { a: "ok", b: 1 } }]);
    expect(issues).toEqual([issue(3, "a", "is empty"), issue(3, "b", "is not digits"), issue(5, "(row)", "a row of x")]);
  });
});
