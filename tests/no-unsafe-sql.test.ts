import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * SQL is never built from strings at run time:
 * - Prisma's string-taking raw queries are not used anywhere (the tagged `$queryRaw` binds values);
 * - every better-sqlite3 `prepare(…)`/`exec(…)` gets a literal, or a template whose only
 *   interpolations are table names from the constant COUNTED_TABLES (the row-count loops), or a member
 *   of one of the constant statement objects of lib/db (STATEMENT_OBJECTS), or the SQLite text of a
 *   read statement (`statement.sqlite`, lib/db/reader.ts), and production code never passes SQL in any
 *   other variable;
 * - every read statement (readStatement, lib/db/reader.ts) is made of a literal.
 */

const root = path.resolve(import.meta.dirname, "..");
const SKIP = [/^node_modules\//, /^lib\/generated\//, /^\.next\//, /^\.tmp\//, /(^|\/)node_modules\//];

// Built from pieces, so this file does not contain what it forbids.
const FORBIDDEN = ["$queryRaw" + "Unsafe", "$executeRaw" + "Unsafe", "Prisma" + ".raw("];

/** The source files: tracked plus new ones not ignored (git), or a walk of the tree without git. */
function sourceFiles(): string[] {
  let listed: string[];
  try {
    listed = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: root, encoding: "utf8", maxBuffer: 64 << 20 })
      .split("\0")
      .filter(Boolean);
  } catch {
    listed = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
        const rel = dir ? `${dir}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          if (!SKIP.some((re) => re.test(`${rel}/`)) && !entry.name.startsWith(".git")) walk(rel);
        } else listed.push(rel);
      }
    };
    walk("");
  }
  return [...new Set(listed)]
    .filter((f) => /\.(ts|tsx|mts|cts)$/.test(f) && !f.endsWith(".d.ts") && !SKIP.some((re) => re.test(f)) && fs.existsSync(path.join(root, f)))
    .sort();
}

type SqlFinding = { file: string; line: number; problem: string };

/**
 * Test code whose interpolations were read and found to hold only constants of the test itself
 * (file → the interpolated identifiers allowed there). Production code gets no such allowance.
 */
const INSPECTED_TEST_INTERPOLATIONS: Record<string, readonly string[]> = {
  // `where` filters by the seeded dataset slugs (a constant Map); `table` is one of three fixed names.
  "tests/fuzz/api-fuzz.test.ts": ["where", "table"],
};

/**
 * Objects of statements fixed when their module loads: COMMON_SQL holds literals, SQLITE_WRITES statements
 * built from the constant column lists of lib/db/row-tables.ts (identifiers checked there), never from input.
 */
const STATEMENT_OBJECTS = ["COMMON_SQL", "SQLITE_WRITES"];

const isStatementMember = (node: ts.Node) =>
  ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && STATEMENT_OBJECTS.includes(node.expression.text);

/** The SQLite text of a read statement (`statement.sqlite`), whose every text is a literal (checked below). */
const isReadStatementText = (node: ts.Node) => ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.name.text === "sqlite";

const isLiteral = (node: ts.Node | undefined) => node !== undefined && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node));

/** readStatement(literal). */
function readStatementProblem(node: ts.CallExpression): string | null {
  const callee = node.expression;
  const name = ts.isIdentifier(callee) ? callee.text : undefined;
  return name === "readStatement" && !isLiteral(node.arguments[0]) ? "readStatement(…) takes a literal" : null;
}

/** A receiver that holds a better-sqlite3 connection, by the names this code base gives them. */
const DB_RECEIVER = /(^|\.)(db|conn|connection|database|sqlite)$/i;

const isTestFile = (file: string) => /\.(test|spec)\.tsx?$/.test(file) || file.startsWith("e2e/") || file.startsWith("tests/");

/** Is `name` the loop variable of `for (const name of COUNTED_TABLES)` or `COUNTED_TABLES.map((name) => …)` around `node`? */
function isTableLoopVariable(node: ts.Node, name: string): boolean {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- TypeScript types `parent` as always set, but a SourceFile has none
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isForOfStatement(at) && ts.isIdentifier(at.expression) && at.expression.text === "COUNTED_TABLES") {
      const init = at.initializer;
      if (ts.isVariableDeclarationList(init) && init.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === name)) return true;
    }
    if (
      (ts.isArrowFunction(at) || ts.isFunctionExpression(at)) &&
      at.parameters[0] &&
      ts.isIdentifier(at.parameters[0].name) &&
      at.parameters[0].name.text === name
    ) {
      const call = at.parent;
      return (
        ts.isCallExpression(call) &&
        ts.isPropertyAccessExpression(call.expression) &&
        ["map", "forEach", "flatMap"].includes(call.expression.name.text) &&
        ts.isIdentifier(call.expression.expression) &&
        call.expression.expression.text === "COUNTED_TABLES"
      );
    }
  }
  return false;
}

/** The problems with the SQL argument of every `.prepare(…)` and `.exec(…)` call in one source. */
function checkSqlCalls(file: string, source: string): SqlFinding[] {
  const findings: SqlFinding[] = [];
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const report = (node: ts.Node, problem: string) => findings.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, problem });
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const problem = readStatementProblem(node);
      if (problem) report(node, problem);
    }
    // `options.prepare?.(file)` and the like are callbacks, not SQL.
    if (
      ts.isCallExpression(node) &&
      !node.questionDotToken &&
      ts.isPropertyAccessExpression(node.expression) &&
      ["prepare", "exec"].includes(node.expression.name.text)
    ) {
      const method = node.expression.name.text;
      const receiver = node.expression.expression;
      const arg = node.arguments[0];
      // RegExp#exec takes the text to match, not SQL.
      const isRegExp = ts.isRegularExpressionLiteral(receiver) || (ts.isIdentifier(receiver) && /(_RE|Re|Regex|Pattern)$/.test(receiver.text));
      if (arg && !isRegExp) {
        if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg) || isStatementMember(arg) || isReadStatementText(arg)) {
          // a literal, or a statement fixed at load: fine
        } else if (ts.isTemplateExpression(arg)) {
          for (const span of arg.templateSpans) {
            const e = span.expression;
            const inspected = isTestFile(file) && ts.isIdentifier(e) && (INSPECTED_TEST_INTERPOLATIONS[file] ?? []).includes(e.text);
            if (!inspected && !(ts.isIdentifier(e) && isTableLoopVariable(e, e.text)))
              report(span, `${method}(\`…\${${e.getText(sf)}}…\`) interpolates something other than a COUNTED_TABLES name`);
          }
        } else if (ts.isBinaryExpression(arg) && arg.operatorToken.kind === ts.SyntaxKind.PlusToken) {
          report(arg, `${method}(…) builds SQL by concatenation`);
        } else if (method === "prepare" && !isTestFile(file) && DB_RECEIVER.test(receiver.getText(sf))) {
          report(arg, `prepare(${arg.getText(sf)}) takes SQL from an expression; pass a literal`);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return findings;
}

const files = sourceFiles();

describe("no SQL built from strings", () => {
  it("finds the sources to scan", () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files).toContain("lib/db/bulk.ts");
    expect(files.some((f) => f.startsWith("lib/generated/") || f.includes("node_modules/"))).toBe(false);
  });

  it("uses none of Prisma's string-taking raw query methods", () => {
    const offenders: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(path.join(root, file), "utf8");
      for (const word of FORBIDDEN) if (text.includes(word)) offenders.push(`${file}: ${word}`);
    }
    expect(offenders, `unsafe raw SQL: ${offenders.join(", ")}`).toEqual([]);
  });

  it("passes better-sqlite3 only literal SQL, or table names from COUNTED_TABLES", () => {
    const findings = files.flatMap((file) => checkSqlCalls(file, fs.readFileSync(path.join(root, file), "utf8")));
    expect(findings.map((f) => `${f.file}:${f.line}: ${f.problem}`)).toEqual([]);
  });

  it("checks what it means to check", () => {
    const bad = (src: string) => checkSqlCalls("lib/x.ts", src).map((f) => f.problem);
    expect(bad("db.prepare(`SELECT * FROM t WHERE id = ${id}`)")).toHaveLength(1);
    expect(bad("db.prepare('SELECT * FROM t WHERE id = ' + id)")).toHaveLength(1);
    expect(bad("db.exec(`DELETE FROM ${name}`)")).toHaveLength(1);
    expect(bad("db.prepare<[], { n: number }>(sql).get()")).toHaveLength(1);
    expect(bad('for (const t of OTHER_TABLES) db.prepare(`SELECT count(*) FROM "${t}"`)')).toHaveLength(1);
    expect(bad('for (const t of COUNTED_TABLES) db.prepare(`SELECT * FROM "${t}" WHERE x = ${x}`)')).toHaveLength(1);
    expect(bad("db.prepare(`SELECT * FROM t WHERE id = ?`).get(id); db.prepare('SELECT 1')")).toEqual([]);
    expect(bad('for (const t of COUNTED_TABLES) db.prepare(`SELECT count(*) FROM "${t}"`)')).toEqual([]);
    expect(bad('COUNTED_TABLES.map((t) => db.prepare(`SELECT count(*) FROM "${t}"`))')).toEqual([]);
    expect(bad("/^(\\d+)$/.exec(value); PERIOD_RE.exec(period)")).toEqual([]);
    // Test code may keep SQL in a helper's parameter; production code may not.
    expect(checkSqlCalls("seed/x.test.ts", "db.prepare(sql)")).toEqual([]);
    expect(bad("this.db.prepare(query)")).toHaveLength(1);
    // The statement objects of lib/db, and nothing that merely looks like them.
    expect(bad("db.prepare(SQLITE_WRITES.shares); db.prepare(COMMON_SQL.findDataset)")).toEqual([]);
    expect(bad("db.prepare(OTHER_WRITES.shares)")).toHaveLength(1);
    expect(bad("db.prepare(request.SQLITE_WRITES.shares)")).toHaveLength(1);
    expect(bad("options.prepare?.(options.dbFile); steps.prepare(file)")).toEqual([]);
    // Read statements: made of literals, and their SQLite text prepared as it is.
    expect(bad("const S = readStatement(`SELECT 1`); db.prepare(S.sqlite); db.prepare(statement.sqlite)")).toEqual([]);
    expect(bad("readStatement(`SELECT * FROM t WHERE id = ${id}`)")).toHaveLength(1);
    expect(bad("readStatement(text)")).toHaveLength(1);
    expect(bad("db.prepare(statement.postgresql)")).toHaveLength(1);
    // An allowance for inspected test code does not carry over to production code.
    expect(checkSqlCalls("lib/x.ts", "db.prepare(`SELECT * FROM ${where}`)")).toHaveLength(1);
    // The row-count loops really are checked (so an allowance cannot hide a change to them).
    const health = fs.readFileSync(path.join(root, "lib/db/health.ts"), "utf8");
    expect(health).toMatch(/for \(const table of COUNTED_TABLES\)/);
    expect(checkSqlCalls("lib/db/health.ts", health.replace("of COUNTED_TABLES", "of tablesFromRequest"))).toHaveLength(1);
  });
});
