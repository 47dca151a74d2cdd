import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * No file of the repository names where packages are downloaded from: not a package registry or a
 * mirror of it, not a Debian or Ubuntu archive. Such addresses leak into results and logs from
 * tools' error messages (npm's audit error quotes the registry's full URL); say "the registry".
 * The patterns are written so that this file does not match them itself.
 */
const REGISTRY_ADDRESSES: { what: string; pattern: RegExp }[] = [
  { what: "a registry URL", pattern: /\bhttps?:\/\/registry\.[a-z0-9.-]+/i },
  { what: "a registry host", pattern: /(?<![\w.-])registry\.(?:[a-z0-9-]+\.)+(?:org|com|net|io|dev|cn)\b/i },
  {
    what: "a Debian or Ubuntu archive host",
    pattern: /(?<![\w-])(?:[a-z0-9-]+\.)*(?:deb|ftp|http|security|snapshot|archive|mirrors?)(?:\.[a-z]{2})?\.(?:debian\.(?:org|net)|ubuntu\.com)\b/i,
  },
  { what: "a Debian or Ubuntu mirror URL", pattern: /\bhttps?:\/\/[^\s/"'`]+\/(?:debian|ubuntu)(?:-security|-ports)?\/(?:pool|dists)\//i },
];

const root = path.resolve(import.meta.dirname, "..");

/** Tracked files and new ones git does not ignore (so a file is caught before its first commit). */
function repositoryFiles(): string[] {
  const listed = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: root, encoding: "utf8", maxBuffer: 64 << 20 });
  return [...new Set(listed.split("\0").filter(Boolean))].sort();
}

/** The file's text, or null for a binary file (a NUL byte) or one deleted from the work tree. */
function readText(file: string): string | null {
  const full = path.join(root, file);
  if (!fs.existsSync(full) || !fs.statSync(full).isFile()) return null;
  const bytes = fs.readFileSync(full);
  if (bytes.subarray(0, 8192).includes(0)) return null;
  return bytes.toString("utf8");
}

/** Every match of every pattern in `text`, as "file:line: what (text)". */
function findAddresses(file: string, text: string): string[] {
  const found: string[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    for (const { what, pattern } of REGISTRY_ADDRESSES) {
      const match = pattern.exec(line);
      if (match) found.push(`${file}:${i + 1}: ${what} (${match[0]})`);
    }
  });
  return found;
}

describe("no package registry or mirror address in the repository", () => {
  // Assembled at run time: the same shapes as real addresses, in no file.
  const join = (...parts: string[]) => parts.join(".");
  it.each([
    [`npm audit: skipped (405 Method Not Allowed - POST https://${join("registry", "example", "org")}/-/npm/v1/security/advisories/bulk)`, "a registry URL"],
    [`getaddrinfo ENOTFOUND ${join("registry", "mirror", "example", "com")}`, "a registry host"],
    [`Get:1 ${join("deb", "debian", "org")} bookworm InRelease`, "a Debian or Ubuntu archive host"],
    [`Hit: ${join("ftp", "de", "debian", "org")}`, "a Debian or Ubuntu archive host"],
    [`Err http://${join("mirror", "example", "net")}/debian/dists/bookworm/InRelease`, "a Debian or Ubuntu mirror URL"],
  ])("recognises %s", (line, what) => {
    expect(findAddresses("sample", line).map((f) => f.split(": ")[1]?.replace(/ \(.*$/, ""))).toContain(what);
  });

  it.each([
    "say the registry, not where it is",
    "Prisma's adapter registry.consumeError(id)",
    "https://github.com/org/registry.json",
    "see https://www.debian.org/doc/ and https://example.org/registry",
  ])("leaves alone %j", (line) => {
    expect(findAddresses("sample", line)).toEqual([]);
  });

  it("no tracked text file names one", () => {
    const files = repositoryFiles();
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((file) => {
      const text = readText(file);
      return text === null ? [] : findAddresses(file, text);
    });
    expect(found).toEqual([]);
  });
});
