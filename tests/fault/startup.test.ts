// Start-up on a database `npm start` cannot use — corrupt, read-only, on a full disk — gives one line
// naming the file and exit 2, quickly; an import that fills the disk leaves the server and the data as
// they were. Each case has database files of its own, so the start-ups run side by side.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { syntheticSitesCsv } from "@/bench/synthetic";
import { freePort } from "@/scripts/free-port";
import { cellsOf, counts, faultFixture, immutable, importCsv, integrity, killGroup, mounts, root, sitesOf, spawnNpmStart, startNext, stop } from "./support";

const { dir, baseDb, copyBase } = faultFixture("startup");
const TSX_ENTRY = createRequire(path.join(root, "package.json")).resolve("tsx");

function canRun(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: "ignore" }).status === 0;
}

describe.concurrent("start-up on a database it cannot use: one line naming the file, exit 2, quickly", () => {
  const root0 = process.getuid?.() === 0;
  const mountWorks = root0 && canRun("mount", ["--version"]);

  async function expectStartFailure(dbFile: string, reason: RegExp, extraEnv: Record<string, string> = {}, ids: { uid?: number; gid?: number } = {}) {
    const port = await freePort();
    const t0 = Date.now();
    const run = spawnNpmStart(dbFile, port, extraEnv, ids);
    const timer = setTimeout(() => killGroup(run.child), 30_000);
    const exit = await run.exit;
    clearTimeout(timer);
    killGroup(run.child);
    const ms = exit.at - t0;
    const lines = run
      .output()
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    expect({ code: exit.code, lines }).toMatchObject({ code: 2 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`start failed: ${dbFile}: `);
    expect(lines[0]).toMatch(reason);
    expect(ms).toBeLessThan(20_000);
    console.log(`fault d: ${ms} ms → ${lines[0]}`);
  }

  it("a database file with garbage in its header", async () => {
    const file = copyBase("garbage-header.db");
    const fd = fs.openSync(file, "r+");
    fs.writeSync(fd, Buffer.from("this is not a SQLite header at all, just garbage bytes".repeat(4)), 0, 200, 0);
    fs.closeSync(fd);
    await expectStartFailure(file, /not a database/);
  });

  it("a database file with garbage in its pages (found by PRAGMA quick_check)", async () => {
    const file = copyBase("garbage-pages.db");
    const size = fs.statSync(file).size;
    const fd = fs.openSync(file, "r+");
    let seed = 7;
    const junk = Buffer.alloc(600);
    // From page 10 on: data pages (the first pages hold the schema, whose damage stops the open itself).
    for (let offset = 4096 * 10; offset < size; offset += 4096 * 7) {
      for (let i = 0; i < junk.length; i++) junk[i] = (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
      fs.writeSync(fd, junk, 0, junk.length, offset + 100);
    }
    fs.closeSync(fd);
    await expectStartFailure(file, /corrupt \(quick_check: /);
  });

  it("a read-only directory (read-only bind mount as root, else chmod)", async (ctx) => {
    const rw = fs.mkdtempSync(path.join(dir, "rw-"));
    const file = copyBase("ro.db", rw);
    if (root0) {
      if (!mountWorks) return ctx.skip();
      const ro = fs.mkdtempSync(path.join(dir, "ro-"));
      try {
        execFileSync("mount", ["--bind", rw, ro], { stdio: "ignore" });
        mounts.push(ro);
        execFileSync("mount", ["-o", "remount,bind,ro", ro], { stdio: "ignore" });
      } catch {
        return ctx.skip();
      }
      await expectStartFailure(path.join(ro, "ro.db"), /directory .* is not writable \(EROFS/);
      await expectStartFailure(path.join(ro, "new", "fresh.db"), /cannot create its directory .* is not writable: EROFS/);
    } else {
      fs.chmodSync(rw, 0o555);
      try {
        await expectStartFailure(file, /directory .* is not writable \(EACCES/);
      } finally {
        fs.chmodSync(rw, 0o755);
      }
    }
  });

  it("a read-only database file (chattr +i as root, and chmod 444 for an unprivileged user)", async (ctx) => {
    const file = copyBase("immutable.db", fs.mkdtempSync(path.join(dir, "imm-")));
    let tested = 0;
    if (root0 && canRun("chattr", ["+i", file])) {
      immutable.push(file);
      try {
        await expectStartFailure(file, /database file is not writable \(EPERM/);
        tested++;
      } finally {
        spawnSync("chattr", ["-i", file]);
      }
    }
    const writableDir = fs.mkdtempSync(path.join(dir, "mode-"));
    fs.chmodSync(writableDir, 0o777);
    fs.chmodSync(dir, 0o755);
    const readonlyFile = copyBase("mode.db", writableDir);
    fs.chmodSync(readonlyFile, 0o444);
    if (!root0) {
      await expectStartFailure(readonlyFile, /database file is not writable \(EACCES/);
      tested++;
    } else {
      // Root ignores mode bits: run npm start as "nobody", if that user can read the project.
      const nobody = { uid: 65534, gid: 65534 };
      const readable =
        spawnSync(
          process.execPath,
          ["-e", `require("fs").accessSync(${JSON.stringify(path.join(root, "scripts", "start.ts"))}); require("fs").accessSync(${JSON.stringify(TSX_ENTRY)})`],
          { ...nobody, stdio: "ignore" },
        ).status === 0;
      if (readable) {
        // HOME and TMPDIR inside the test's directory: tsx keeps its cache and pipes under the temp dir.
        await expectStartFailure(readonlyFile, /database file is not writable \(EACCES/, { HOME: writableDir, TMPDIR: writableDir }, nobody);
        tested++;
      }
    }
    if (tested === 0) ctx.skip();
  });

  it("a full disk (a 64 KiB tmpfs) for a new database", async (ctx) => {
    if (!mountWorks) return ctx.skip();
    const full = fs.mkdtempSync(path.join(dir, "full-"));
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", full], { stdio: "ignore" });
      mounts.push(full);
    } catch {
      return ctx.skip();
    }
    await expectStartFailure(path.join(full, "new.db"), /database or disk is full/);
  });

  it("a disk that fills up during an import: the server and the data stay as they were", async (ctx) => {
    if (!mountWorks) return ctx.skip();
    const small = fs.mkdtempSync(path.join(dir, "small-"));
    // Room for the seeded database, its -shm and a little growth, not for 20 000 more sites.
    const size = Math.ceil((fs.statSync(baseDb()).size + 512 * 1024) / 4096) * 4096;
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", small], { stdio: "ignore" });
      mounts.push(small);
    } catch {
      return ctx.skip();
    }
    const file = copyBase("small.db", small);
    const before = counts(file);
    const server = await startNext(file);
    const r = await importCsv(server.url, "fault-full", syntheticSitesCsv(20_000));
    // Today this is a 500 "internal error" (SQLITE_FULL is not mapped to a status of its own).
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.body.error?.message).toBeTruthy();
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/metrics`)).status).toBe(200);
    const small2 = await importCsv(server.url, "fault-small", syntheticSitesCsv(3));
    expect(await stop(server)).toMatchObject({ code: 143 });
    expect(integrity(file)).toBe("ok");
    expect(sitesOf(file, "fault-full")).toEqual({ dataset: 0, sites: 0 });
    const after = counts(file);
    const smallWritten = small2.status === 201 ? 1 : 0;
    expect({
      ...after,
      Dataset: (after.Dataset ?? 0) - smallWritten,
      MiningSite: (after.MiningSite ?? 0) - 3 * smallWritten,
      SiteCell: (after.SiteCell ?? 0) - cellsOf(file, "fault-small"),
    }).toEqual(before);
    console.log(
      `fault d: import onto a full disk answered ${r.status} "${r.body.error?.message}"; a 3-site import afterwards answered ${small2.status}; server healthy, database intact`,
    );
  });
});
