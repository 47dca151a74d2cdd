import type { z } from "zod";
import type * as Responses from "@/lib/validation/responses";
import type { ErrorAnswer } from "@/lib/validation/responses";

// Reading an API answer in the browser: always through the API's own response schema, never a cast.
// The schemas (and zod) are loaded on the first answer, so they stay out of the first-load JavaScript.

/** The name of a response schema exported by lib/validation/responses. */
export type SchemaName = { [K in keyof typeof Responses]: (typeof Responses)[K] extends z.ZodType ? K : never }[keyof typeof Responses];
/** What that schema parses to. */
export type Answer<K extends SchemaName> = z.output<(typeof Responses)[K]>;
export type AnswerIssue = NonNullable<ErrorAnswer["error"]["issues"]>[number];

/** A 4xx/5xx answer: the server's message, and the problems it listed (an import's bad rows). */
export class AnswerError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly issues: AnswerIssue[],
  ) {
    super(message);
    this.name = "AnswerError";
  }
}

/** The body of `response`, parsed with the schema named; an error answer throws an AnswerError. */
export async function readAnswer<K extends SchemaName>(response: Response, schemaName: K): Promise<Answer<K>> {
  const body: unknown = await response.json().catch(() => null);
  const schemas = await import("@/lib/validation/responses");
  if (!response.ok) {
    const parsed = schemas.ErrorBody.safeParse(body);
    const error = parsed.success ? parsed.data.error : null;
    throw new AnswerError(error?.message ?? `HTTP ${response.status}`, response.status, error?.issues ?? []);
  }
  // Looked up by name: TypeScript cannot relate the union of schemas to K, so the parsed value is retyped.
  const schema: z.ZodType = schemas[schemaName];
  return schema.parse(body) as Answer<K>;
}
