import type { z } from "zod";

export type QueryIssue = { field: string; message: string };

/**
 * A failed query parse as one issue per offending parameter. zod reports unknown parameters of a
 * strict object as one object-level issue listing them; each becomes its own, named by the parameter.
 */
export function queryIssues(error: z.ZodError): QueryIssue[] {
  return error.issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ field: key, message: issue.message }))
      : [{ field: issue.path.map(String).join(".") || "(query)", message: issue.message }],
  );
}

/**
 * The message a strict query gives a parameter it does not know, naming the route and the ones it
 * does. Strict, not loose with a check of its own: a loose object drops a `__proto__` parameter
 * before any check could see it, while zod's unknown-key check reads the parsed query's own keys.
 */
export function unknownParameter(route: string, known: Iterable<string>) {
  const list = [...known].join(", ");
  const which = list === "" ? "it takes none" : `known: ${list}`;
  return (issue: { code?: string }) => (issue.code === "unrecognized_keys" ? `is not a parameter of ${route} (${which})` : undefined);
}
