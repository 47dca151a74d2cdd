import { expect } from "vitest";
import type { z } from "zod";

/** Every issue of a failed parse as [path, message], in zod's order; [] when the input is accepted. */
export function issuesOf(schema: z.ZodType, input: unknown): [string, string][] {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => [issue.path.map(String).join("."), issue.message]);
}

/** The parsed value; fails the test with the issues when the input is refused. */
export function parsed<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new Error(`refused: ${result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return result.data;
}

/**
 * Exactly one issue, on `path`, whose message is `message` (a string is matched whole, a RegExp
 * anywhere): a bad cell must be named and explained, and must not drag other complaints along.
 */
export function expectOneIssue(schema: z.ZodType, input: unknown, path: string, message: string | RegExp) {
  const issues = issuesOf(schema, input);
  expect(issues).toHaveLength(1);
  expect(issues[0]?.[0]).toBe(path);
  if (typeof message === "string") expect(issues[0]?.[1]).toBe(message);
  else expect(issues[0]?.[1]).toMatch(message);
}
