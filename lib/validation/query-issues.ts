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
