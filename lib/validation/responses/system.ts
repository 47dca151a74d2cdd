import "./jitless";
import { z } from "zod";

// Answers about the service itself and its writes: errors, health, version, imports.

export const ErrorBody = z
  .object({
    error: z.object({
      status: z.number().int().describe("HTTP status"),
      message: z.string().describe("What is wrong, naming the field"),
      field: z.string().optional().describe("The offending field or query parameter"),
      issues: z
        .array(
          z.object({
            field: z.string(),
            message: z.string(),
            line: z.number().int().optional().describe("Line of the uploaded file (imports)"),
            column: z.string().optional().describe("Column of the uploaded file (imports)"),
          }),
        )
        .optional()
        .describe("Every problem found in the input (imports: the first 100)"),
      totalIssues: z.number().int().optional().describe("Imports: how many problems there are in all"),
    }),
  })
  .meta({ id: "Error" });

export const HealthResponse = z
  .object({
    status: z.enum(["ok", "degraded", "down"]).describe("ok: reachable, fully migrated and (SQLite) in WAL mode"),
    version: z.string(),
    database: z.object({
      reachable: z.boolean(),
      file: z.string().describe("Path of the SQLite file, or the PostgreSQL URL without its password"),
      journalMode: z.string().nullable().describe("SQLite's journal mode, expected: wal; null on PostgreSQL"),
      migrations: z.object({ applied: z.array(z.string()), pending: z.array(z.string()), failed: z.array(z.string()) }).nullable(),
      counts: z.record(z.string(), z.number().int()).nullable().describe("Rows per table"),
      error: z.string().optional(),
    }),
  })
  .meta({ id: "Health" });

export const VersionResponse = z.object({ name: z.literal("hashatlas"), version: z.string() });

export const ImportResponse = z
  .object({
    dataset: z.string(),
    kind: z.enum(["shares", "sites", "prices"]),
    rows: z.number().int().describe("Rows written (or that would be written, on a dry run)"),
    format: z.string().describe("The layout that was recognised"),
    replaced: z.boolean().optional().describe("An existing dataset of that name was replaced"),
    dryRun: z.boolean().optional(),
  })
  .meta({ id: "ImportResult" });

export type ErrorAnswer = z.infer<typeof ErrorBody>;
export type Health = z.infer<typeof HealthResponse>;
export type ImportResult = z.infer<typeof ImportResponse>;
