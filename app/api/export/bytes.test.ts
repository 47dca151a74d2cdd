import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { EXPORT_WHATS } from "@/lib/validation/export";
import { GET } from "./route";

// The exact bytes of every export on the seed, pinned: the digests in bytes.fixture.json were taken
// from the files the exports wrote before they streamed (when each body was built whole in memory),
// so a change in how a file is written (columns, metadata, escaping, the formula guard, CRLF, JSON
// layout) fails here. A deliberate change (new seed data, a reworded column) updates them with
//   HASHATLAS_UPDATE_EXPORT_DIGESTS=1 npx vitest run app/api/export/bytes.test.ts
// The clock is pinned: files state their age in months and the day they were made.

const FIXTURE = path.join(import.meta.dirname, "bytes.fixture.json");
const NOW = new Date("2026-06-15T12:00:00.000Z");

/** Every kind of export, the multi-period ones over every period (so the files span many parts). */
const QUERIES: Record<(typeof EXPORT_WHATS)[number], string[]> = {
  metrics: ["what=metrics&period=all&efficiency=20", "what=metrics&period=2021-05&network=latest"],
  series: ["what=series&period=all", "what=series&dataset=ccaf-survey-2024"],
  shocks: ["what=shocks&period=all&bie=700", "what=shocks&period=2021-05&dataset=cbeci-monthly&network=latest"],
  distribution: ["what=distribution&period=all", "what=distribution&period=2022-01&dataset=cbeci-monthly"],
  sites: ["what=sites", "what=sites&dataset=mining-sites"],
  prices: ["what=prices"],
  network: ["what=network", "what=network&period=2021-07"],
  scenario: ["what=scenario&period=2021-05&shutdown=CN,RU:0.3,EAEU&bie=1150&migrate=0.5,90,30,cheap-power&horizon=120&efficiency=25"],
  risk: ["what=risk&period=2022-01&risk=CN:0.3,kz:0.2:0.5,EAEU:0.05&horizon=90&bie=700", "what=risk&period=2022-01&draws=1000&seed=7"],
  regions: ["what=regions&country=US", "what=regions&country=cn&period=2021-05&dataset=cbeci-monthly"],
};

const FORMATS = ["format=csv", "format=json", "metadata=1", "metadata=1&format=json"];

const CASES = Object.values(QUERIES).flatMap((queries) => queries.flatMap((q) => FORMATS.map((f) => `${q}&${f}`)));

type Digest = { bytes: number; sha256: string };
const digest = (bytes: Uint8Array): Digest => ({ bytes: bytes.byteLength, sha256: createHash("sha256").update(bytes).digest("hex") });

const update = process.env.HASHATLAS_UPDATE_EXPORT_DIGESTS === "1";
const pinned: Record<string, Digest> = update ? {} : (JSON.parse(fs.readFileSync(FIXTURE, "utf8")) as Record<string, Digest>);
const seen: Record<string, Digest> = {};

beforeAll(() => {
  vi.useFakeTimers({ toFake: ["Date"], now: NOW });
});
afterAll(() => {
  vi.useRealTimers();
  if (update) fs.writeFileSync(FIXTURE, `${JSON.stringify(seen, null, 2)}\n`);
});

describe("GET /api/export writes the same bytes as before it streamed", () => {
  it("covers every kind of export", () => {
    expect(Object.keys(QUERIES).sort()).toEqual([...EXPORT_WHATS].sort());
    if (!update) expect(Object.keys(pinned).sort()).toEqual([...CASES].sort());
  });

  it.each(CASES)("%s", async (query) => {
    const response = await GET(new Request(`http://127.0.0.1/api/export?${query}`));
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(response.status, new TextDecoder().decode(bytes.slice(0, 300))).toBe(200);
    seen[query] = digest(bytes);
    if (!update) expect(seen[query]).toEqual(pinned[query]);
  });
});
