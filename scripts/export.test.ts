import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/export/route";

// `npm run export` is `tsx scripts/export.ts`, a plain Node process that calls the export service
// directly. It must write exactly what the API answers.

const root = path.resolve(import.meta.dirname, "..");

function cli(args: string[]) {
  const db = process.env.HASHATLAS_TEST_DB;
  if (!db) throw new Error("HASHATLAS_TEST_DB is not set (see vitest.config.mts)");
  const result = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), ["scripts/export.ts", ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `file:${db}` },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function api(query: string) {
  const response = await GET(new Request(`http://127.0.0.1/api/export?${query}`));
  return { status: response.status, text: await response.text() };
}

describe("npm run export", () => {
  it("writes byte for byte what GET /api/export answers (series, every period, CSV)", async () => {
    const out = cli(["--what", "series", "--period", "all", "--format", "csv"]);
    expect(out.stderr).toBe("");
    expect(out.status).toBe(0);
    const { status, text } = await api("what=series&period=all&format=csv");
    expect(status).toBe(200);
    expect(out.stdout).toBe(text);
    expect(out.stdout.split("\r\n").length).toBeGreaterThan(20);
  });

  it("writes the file --out names instead (npm prints its banner on stdout)", async () => {
    const file = path.join(root, ".tmp", `export-cli-${process.pid}.csv`);
    try {
      const out = cli(["--what", "shocks", "--period", "2021-05", "--out", file]);
      expect(out.status).toBe(0);
      expect(out.stdout).toBe("");
      expect(out.stderr).toMatch(/^export: wrote .+ \(\d+ bytes; the API would name it hashatlas-shocks-best-estimate-2021-05\.csv\)\n$/);
      expect(fs.readFileSync(file, "utf8")).toBe((await api("what=shocks&period=2021-05")).text);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it("takes the scenario flags of the dashboard URL and, for JSON, differs from the API only in the time stamps", async () => {
    const flags = [
      "--what",
      "scenario",
      "--period",
      "2021-05",
      "--shutdown",
      "CN,RU:0.3,EAEU",
      "--migrate",
      "0.5,90,30,proportional",
      "--horizon",
      "90",
      "--format",
      "json",
    ];
    const out = cli(flags);
    expect(out.stderr).toBe("");
    expect(out.status).toBe(0);
    const { text } = await api("what=scenario&period=2021-05&shutdown=CN,RU:0.3,EAEU&migrate=0.5,90,30,proportional&horizon=90&format=json");
    const unstamp = (body: string) => body.replace(/"generatedAt": "[^"]+"/, '"generatedAt": "…"').replace(/export \(\d{4}-\d{2}-\d{2}\)/, "export (…)");
    expect(unstamp(out.stdout)).toBe(unstamp(text));
  });

  it("takes the risk flags (--risk, --draws, --seed, --horizon) and writes what the API answers", async () => {
    const out = cli(["--what", "risk", "--period", "2022-01", "--risk", "CN:0.3,EAEU:0.05:0.5", "--draws", "2000", "--seed", "3", "--horizon", "90"]);
    expect(out.stderr).toBe("");
    expect(out.status).toBe(0);
    expect(out.stdout).toBe((await api("what=risk&period=2022-01&risk=CN:0.3,EAEU:0.05:0.5&draws=2000&seed=3&horizon=90")).text);
    expect(out.stdout.split("\r\n")[1]).toMatch(/^event,CN,China,country,CN,0.3,1,false,set by the request,/);
  });

  it.each([
    [["--what", "risk", "--risk", "CN:2"], /^export: risk: item 1 \("CN:2"\): probability: must be ≤ 1/],
    [["--what", "series", "--bogus"], /^export: Unknown option '--bogus'/],
    [["--what", "nope"], /^export: what: must be one of/],
    [["--what", "series", "--period", "2030-01"], /^export: dataset "best-estimate" has no data for period 2030-01/],
  ])("refuses %j with exit code 2 and a one-line message", (args, message) => {
    const out = cli(args);
    expect(out.status).toBe(2);
    expect(out.stdout).toBe("");
    expect(out.stderr).toMatch(message);
    expect(out.stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});
