import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Each case runs in a process of its own: signals and listeners are process-wide.
const run = (code: string) => spawnSync(process.execPath, ["--import", "tsx", "-e", code], { cwd: path.resolve(__dirname, "../.."), encoding: "utf8", timeout: 30_000 });

describe("stop requests", () => {
  it("are seen once the process that handles SIGTERM (as Next does) receives it", () => {
    const r = run(`
      process.on("SIGTERM", () => {});
      const { stopRequested } = require("./lib/api/shutdown.ts");
      const before = stopRequested();
      process.kill(process.pid, "SIGTERM");
      setTimeout(() => { console.log(JSON.stringify([before, stopRequested()])); process.exit(0); }, 50);
    `);
    expect(r.stdout.trim()).toBe("[false,true]");
  });

  it("never keep alive a process that did not handle the signal", () => {
    const r = run(`
      require("./lib/api/shutdown.ts");
      process.kill(process.pid, "SIGTERM");
      setTimeout(() => { console.log("survived"); process.exit(0); }, 500);
    `);
    expect(r.stdout).not.toContain("survived");
    expect(r.signal).toBe("SIGTERM");
  });
});
