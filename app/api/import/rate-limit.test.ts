import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PEER_HEADER, trustPeerHeader } from "@/lib/api/client-key";
import { seedDatabase } from "@/seed/seed";

// A database and a route module of their own, with a low limit so the test needs few requests.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hashatlas-import-rate-"));
const file = path.join(dir, "rate.db");
const TOKEN = "test-admin-token-rate-limit-0123";
const LIMIT = 3;
vi.stubEnv("DATABASE_URL", `file:${file}`);
vi.stubEnv("HASHATLAS_ADMIN_TOKEN", TOKEN);
vi.stubEnv("HASHATLAS_IMPORT_RATE_PER_MINUTE", String(LIMIT));

beforeAll(async () => {
  trustPeerHeader();
  await seedDatabase(file);
});
afterAll(() => {
  vi.unstubAllEnvs();
  fs.rmSync(dir, { recursive: true, force: true });
});

const SITES = fs.readFileSync("seed/data/mining_sites.csv", "utf8");
const QUERY = "kind=sites&dataset=test-rate&publisher=Test%20Lab&url=https%3A%2F%2Fexample.org%2Fdata&licence=CC-BY-4.0&dryRun=1";

async function importFrom(client: string | null, token: string) {
  const { POST } = await import("./route");
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, "content-type": "text/csv" };
  // The client's socket address, as the server's front hands it over; X-Forwarded-For is not believed.
  if (client) headers[PEER_HEADER] = client;
  headers["x-forwarded-for"] = `198.51.100.${Math.floor(Math.random() * 250)}`;
  const response = await POST(new Request(`http://127.0.0.1/api/import?${QUERY}`, { method: "POST", headers, body: SITES }));
  return {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    body: (await response.json()) as { error?: { status: number; message: string; field?: string } },
  };
}

describe("POST /api/import — rate limit", () => {
  it(`answers 429 with Retry-After after ${LIMIT} requests a minute from one client, before checking the token`, async () => {
    // Wrong tokens: guessing the admin token uses up the client's allowance like anything else.
    for (let i = 0; i < LIMIT; i++) expect((await importFrom("203.0.113.9", "wrong-token-guess")).status).toBe(401);
    const refused = await importFrom("203.0.113.9", TOKEN);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60 / LIMIT);
    expect(refused.body).toEqual({
      error: {
        status: 429,
        field: "rate-limit",
        message: `too many imports from this client: at most ${LIMIT} a minute; try again in ${refused.retryAfter} s`,
      },
    });
  });

  it("counts each client (its socket address) on its own; without one, as local", async () => {
    const other = await importFrom("198.51.100.20", TOKEN);
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ dataset: "test-rate", dryRun: true });
    for (let i = 0; i < LIMIT; i++) expect((await importFrom(null, TOKEN)).status).toBe(200);
    const local = await importFrom(null, TOKEN);
    expect(local.status).toBe(429);
    expect(local.retryAfter).toMatch(/^\d+$/);
  });

  it("lets the client in again once Retry-After has passed", async () => {
    vi.useFakeTimers({ toFake: ["performance"] });
    try {
      for (let i = 0; i < LIMIT; i++) await importFrom("192.0.2.44", TOKEN);
      const refused = await importFrom("192.0.2.44", TOKEN);
      expect(refused.status).toBe(429);
      vi.advanceTimersByTime(Number(refused.retryAfter) * 1000);
      expect((await importFrom("192.0.2.44", TOKEN)).status).toBe(200);
      expect((await importFrom("192.0.2.44", TOKEN)).status).toBe(429);
    } finally {
      vi.useRealTimers();
    }
  });
});
