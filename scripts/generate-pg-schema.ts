// prisma/schema.prisma (SQLite) is the one schema we edit; Prisma takes the provider from the schema
// file, never from a variable, so PostgreSQL gets a copy with its own datasource and client output:
// prisma/postgresql/schema.prisma, committed, and checked for drift by generate-pg-schema.test.ts.
//
//   tsx scripts/generate-pg-schema.ts           rewrite prisma/postgresql/schema.prisma
//   tsx scripts/generate-pg-schema.ts --check   exit 1 if the committed file is not what this writes
//
// The models are copied unchanged: Prisma's default column types already give the same values back
// on both backends, for the scalar types the schema uses (checked here, so that a new type is a
// decision, not an accident):
//   String → text (SQLite TEXT); sorted byte-wise on both when the database's collation is "C".
//   Int    → integer, 32-bit (SQLite INTEGER is 64-bit): ids, heights, grid cells and counts fit.
//   Float  → double precision (SQLite REAL): both IEEE 754 binary64, and PostgreSQL prints the
//            shortest text that reads back to the same double.
//   Int @id @default(autoincrement()) → serial: ids start at 1 and grow by one, as SQLite's rowid.
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "..");
export const SQLITE_SCHEMA = path.join(root, "prisma", "schema.prisma");
export const POSTGRES_SCHEMA = path.join(root, "prisma", "postgresql", "schema.prisma");
/** Where the PostgreSQL client is generated, beside the SQLite one (lib/generated/prisma); kept out of git. */
const POSTGRES_CLIENT_OUTPUT = "../../lib/generated/prisma-pg";

/** Scalar types whose PostgreSQL column gives back what SQLite's does; see the header. */
export const VERIFIED_SCALARS = ["String", "Int", "Float"] as const;

const HEADER = [
  "// GENERATED from prisma/schema.prisma by scripts/generate-pg-schema.ts: do not edit; edit that file and run",
  "// `tsx scripts/generate-pg-schema.ts`. The same models, for PostgreSQL (DATABASE_URL=postgresql://…).",
  "",
];

/** Replaces exactly one match of `pattern` in `text`, or says which part of the source changed shape. */
function replaceOnce(text: string, pattern: RegExp, replacement: string, what: string): string {
  const matches = text.match(new RegExp(pattern.source, `${pattern.flags.replace("g", "")}g`)) ?? [];
  if (matches.length !== 1) throw new Error(`prisma/schema.prisma: expected one ${what}, found ${matches.length}`);
  return text.replace(pattern, replacement);
}

/** Every field's type that is neither a verified scalar nor a model (a relation), with where it is. */
export function unverifiedFieldTypes(schema: string): string[] {
  const blocks = [...schema.matchAll(/^(model|enum|type|view)\s+(\w+)\s*\{([\s\S]*?)^\}/gm)];
  const names = new Set(blocks.filter(([, kind]) => kind === "model").map(([, , name]) => name));
  const problems: string[] = [];
  for (const [, kind, name, body = ""] of blocks) {
    if (kind !== "model") {
      problems.push(`${kind} ${name}`);
      continue;
    }
    for (const line of body.split("\n")) {
      const field = /^\s*(\w+)\s+(\w+)(\[\])?\??/.exec(line.replace(/\/\/.*$/, ""));
      if (!field) continue;
      const [, fieldName, type = ""] = field;
      const verified = (VERIFIED_SCALARS as readonly string[]).includes(type) || names.has(type);
      if (!verified || /@db\./.test(line)) problems.push(`${name}.${fieldName} (${type}${/@db\./.test(line) ? ", native type" : ""})`);
    }
  }
  return problems;
}

/** The PostgreSQL schema for a SQLite schema's text. */
export function postgresSchemaFrom(sqliteSchema: string): string {
  const unverified = unverifiedFieldTypes(sqliteSchema);
  if (unverified.length > 0) {
    throw new Error(
      `prisma/schema.prisma uses types whose PostgreSQL mapping was not checked: ${unverified.join(", ")}. ` +
        `Check that values round-trip identically on both backends, then add the type to VERIFIED_SCALARS in scripts/generate-pg-schema.ts (and say how in its header).`,
    );
  }
  let schema = replaceOnce(sqliteSchema, /(datasource db \{\s*provider\s*=\s*)"sqlite"/, '$1"postgresql"', 'datasource with provider = "sqlite"');
  schema = replaceOnce(schema, /(generator client \{[^}]*?output\s*=\s*)"[^"]*"/, `$1"${POSTGRES_CLIENT_OUTPUT}"`, "generator client with an output");
  return `${HEADER.join("\n")}${schema}`;
}

/** Rewrites prisma/postgresql/schema.prisma from prisma/schema.prisma; true when its content changed. */
export function writePostgresSchema(): boolean {
  const expected = postgresSchemaFrom(fs.readFileSync(SQLITE_SCHEMA, "utf8"));
  if (fs.existsSync(POSTGRES_SCHEMA) && fs.readFileSync(POSTGRES_SCHEMA, "utf8") === expected) return false;
  fs.mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
  fs.writeFileSync(POSTGRES_SCHEMA, expected);
  return true;
}

function main(): void {
  const relative = path.relative(process.cwd(), POSTGRES_SCHEMA);
  if (process.argv.includes("--check")) {
    const current = fs.existsSync(POSTGRES_SCHEMA) ? fs.readFileSync(POSTGRES_SCHEMA, "utf8") : null;
    if (current !== postgresSchemaFrom(fs.readFileSync(SQLITE_SCHEMA, "utf8"))) {
      console.error(`${relative} is out of date: run tsx scripts/generate-pg-schema.ts`);
      process.exit(1);
    }
    console.log(`${relative} is up to date`);
    return;
  }
  console.log(writePostgresSchema() ? `wrote ${relative}` : `${relative} was up to date`);
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
