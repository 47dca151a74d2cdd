import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The services and lib/db are plain Node modules (so that `npm run export` can call them without
 * Next's react-server condition), which means nothing marks them as server-only. This test does:
 * no module the browser loads — a "use client" file and everything it imports, statically or
 * lazily — reaches the database, the services, the API layer or a Node built-in.
 */

const root = path.resolve(import.meta.dirname, "..");
const SERVER_ONLY = [/^lib\/db\//, /^lib\/services\//, /^lib\/api\//, /^lib\/generated\//, /^lib\/env\.ts$/, /^lib\/log\.ts$/];
const SERVER_PACKAGES = /^(node:|server-only$|better-sqlite3$|@prisma\/|pino)/;

function walk(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return walk(rel);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

/** The project file an import specifier names, or null for a package. */
function resolve(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/") ? specifier.slice(2) : specifier.startsWith(".") ? path.posix.join(path.posix.dirname(from), specifier) : null;
  if (base === null) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    const full = path.join(root, candidate);
    if (fs.existsSync(full) && fs.statSync(full).isFile()) return candidate;
  }
  return null;
}

/** What a module loads when it runs: static and dynamic imports and re-exports, not type-only ones (erased). */
function importsOf(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(path.join(root, file), "utf8"), ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && node.importClause?.phaseModifier !== ts.SyntaxKind.TypeKeyword && ts.isStringLiteral(node.moduleSpecifier))
      found.push(node.moduleSpecifier.text);
    else if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier))
      found.push(node.moduleSpecifier.text);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [specifier] = node.arguments;
      if (specifier && ts.isStringLiteral(specifier)) found.push(specifier.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("the browser's modules", () => {
  const entries = [...walk("components"), ...walk("app")].filter((f) => /^\s*["']use client["']/.test(fs.readFileSync(path.join(root, f), "utf8")));

  it("start from the client components", () => {
    expect(entries).toContain("components/dashboard/Dashboard.tsx");
  });

  it("never reach the database, the services, the API layer or Node", () => {
    const problems: string[] = [];
    const seen = new Set<string>();
    const visit = (file: string, via: string[]) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const specifier of importsOf(file)) {
        if (SERVER_PACKAGES.test(specifier)) problems.push(`${[...via, file].join(" → ")} imports ${specifier}`);
        const target = resolve(file, specifier);
        if (target === null) continue;
        if (SERVER_ONLY.some((re) => re.test(target))) problems.push(`${[...via, file].join(" → ")} → ${target}`);
        else visit(target, [...via, file]);
      }
    };
    for (const entry of entries) visit(entry, []);
    expect(problems).toEqual([]);
  });
});
