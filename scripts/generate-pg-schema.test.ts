import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, postgresSchemaFrom, unverifiedFieldTypes } from "./generate-pg-schema";

const source = fs.readFileSync(SQLITE_SCHEMA, "utf8");

describe("prisma/postgresql/schema.prisma", () => {
  it("is what scripts/generate-pg-schema.ts makes of prisma/schema.prisma (else run: tsx scripts/generate-pg-schema.ts)", () => {
    expect(fs.readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(postgresSchemaFrom(source));
  });

  it("changes only the provider and the client's output: the models are the same", () => {
    const generated = postgresSchemaFrom(source);
    expect(generated).toMatch(/datasource db \{\s*provider = "postgresql"\s*\}/);
    expect(generated).toContain('output       = "../../lib/generated/prisma-pg"');
    const models = (schema: string) => schema.slice(schema.indexOf("\nmodel "));
    expect(models(generated)).toBe(models(source));
  });

  it("notices an edit of the source that the committed copy lacks", () => {
    const edited = source.replace("model Country {", "model Country {\n  flag String?");
    expect(postgresSchemaFrom(edited)).not.toBe(fs.readFileSync(POSTGRES_SCHEMA, "utf8"));
  });

  it("refuses a field type (or native type) whose PostgreSQL mapping was not checked", () => {
    expect(unverifiedFieldTypes(source)).toEqual([]);
    const withDate = source.replace("model Country {", "model Country {\n  updatedAt DateTime\n  big BigInt?\n  note String @db.VarChar(20)");
    expect(unverifiedFieldTypes(withDate)).toEqual(["Country.updatedAt (DateTime)", "Country.big (BigInt)", "Country.note (String, native type)"]);
    expect(() => postgresSchemaFrom(withDate)).toThrow(/Country\.updatedAt \(DateTime\).*VERIFIED_SCALARS/);
  });

  it("says so when the source's datasource no longer has the expected shape", () => {
    expect(() => postgresSchemaFrom(source.replace('provider = "sqlite"', 'provider = "mysql"'))).toThrow(/expected one datasource/);
  });
});
