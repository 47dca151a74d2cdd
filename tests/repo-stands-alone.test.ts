import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The repository stands alone: nothing in it may point at design notes or data that live outside it,
// and the written definitions it points at instead (docs/methodology.md) must have the sections the
// code names.

const ROOT = path.resolve(import.meta.dirname, "..");
const SELF = "tests/repo-stands-alone.test.ts";
const DOC = "docs/methodology.md";
/** Spelled in pieces so that this file does not match itself. */
const FORBIDDEN = ["DESIGN" + ".md", "../" + "shared"];
const REFERENCE = /docs\/methodology\.md#([\p{L}\p{N}_-]+)/gu;

function trackedFiles(): string[] {
  return execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })
    .split("\0")
    .filter((f) => f !== "" && f !== SELF && fs.existsSync(path.join(ROOT, f)) && fs.statSync(path.join(ROOT, f)).isFile());
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to dashes, repeats numbered. */
function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (!heading?.[1]) continue;
    const text = heading[1].replace(/`/g, "").replace(/\[([^\]]*)\]\([^)]*\)/g, "$1");
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

const files = trackedFiles();
const doc = fs.readFileSync(path.join(ROOT, DOC), "utf8");
const anchors = headingAnchors(doc);

describe("the repository stands alone", () => {
  it.each(FORBIDDEN)("no tracked file mentions %s", (needle) => {
    const offenders = files.filter((f) => fs.readFileSync(path.join(ROOT, f)).includes(needle));
    expect(offenders).toEqual([]);
  });

  it("every docs/methodology.md#anchor named in the code is a heading of docs/methodology.md", () => {
    const references: { file: string; anchor: string }[] = [];
    for (const file of files) {
      const bytes = fs.readFileSync(path.join(ROOT, file));
      if (!bytes.includes("docs/methodology.md#")) continue;
      for (const m of bytes.toString("utf8").matchAll(REFERENCE)) references.push({ file, anchor: m[1] ?? "" });
    }
    // The metrics, the shock model, the simulator, the exports and the schema all point there.
    expect(new Set(references.map((r) => r.file)).size).toBeGreaterThanOrEqual(5);
    expect(references.filter((r) => !anchors.has(r.anchor))).toEqual([]);
  });

  it("every link inside docs/methodology.md to one of its sections resolves", () => {
    const links = [...doc.matchAll(/\]\(#([^)]*)\)/g)].map((m) => m[1] ?? "");
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((a) => !anchors.has(a))).toEqual([]);
  });

  it("the methodology page names docs/methodology.md as the written definition it follows", () => {
    expect(fs.readFileSync(path.join(ROOT, "app/methodology/page.tsx"), "utf8")).toContain("docs/methodology.md");
  });
});

describe("headingAnchors", () => {
  it.each([
    ["## Shock model", "shock-model"],
    ["### HHI and hhiUpper", "hhi-and-hhiupper"],
    ["## Energy per BTC", "energy-per-btc"],
    ["### Top1 and top3", "top1-and-top3"],
    ["## The `Country` table (ISO 3166-1)", "the-country-table-iso-3166-1"],
    ["### Shares, and the unattributed bucket", "shares-and-the-unattributed-bucket"],
  ])("%s → #%s", (heading, anchor) => {
    expect([...headingAnchors(heading)]).toEqual([anchor]);
  });

  it("numbers a repeated heading and ignores # lines inside code fences", () => {
    expect([...headingAnchors("## CSV\n```\n# not a heading\n```\n## CSV\n")]).toEqual(["csv", "csv-1"]);
  });
});
