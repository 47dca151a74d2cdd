// HASHATLAS_SIMULATE_RATE_PER_MINUTE on a real server (`next start` on the production build): POST
// /api/simulate answers 429 with Retry-After once a client has used its allowance, cached answers included.
import http from "node:http";
import { describe, expect, it } from "vitest";
import { faultFixture, startNext, stop } from "./support";

const { copyBase } = faultFixture("simulate-rate");

describe("the simulation limit", () => {
  it("e. HASHATLAS_SIMULATE_RATE_PER_MINUTE: 429 with Retry-After per client once exceeded, cached scenarios counted", async () => {
    const LIMIT = 3;
    const server = await startNext(copyBase("e.db"), { HASHATLAS_SIMULATE_RATE_PER_MINUTE: String(LIMIT) });
    try {
      const scenario = JSON.stringify({ period: "2021-05", shutdown: ["CN"], horizonDays: 30 });
      // A client is its socket address (lib/api/client-key.ts): each connects from an address of its own on 127/8.
      const simulate = (client: string) =>
        new Promise<{ status: number; retryAfter: string | null; body: Record<string, unknown> }>((resolve, reject) => {
          const request = http.request(
            {
              host: "127.0.0.1",
              port: server.port,
              method: "POST",
              path: "/api/simulate",
              localAddress: client,
              agent: false,
              headers: { "content-type": "application/json" },
            },
            (response) => {
              const chunks: Buffer[] = [];
              response.on("data", (c: Buffer) => chunks.push(c));
              response.on("end", () =>
                resolve({
                  status: response.statusCode ?? 0,
                  retryAfter: response.headers["retry-after"] ?? null,
                  body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>,
                }),
              );
            },
          );
          request.on("error", reject);
          request.end(scenario);
        });
      // The same body each time: from the second on the answer comes from the cache, and still counts.
      const allowed = [];
      for (let i = 0; i < LIMIT; i++) allowed.push(await simulate("127.0.0.7"));
      expect(allowed.map((r) => r.status)).toEqual(Array<number>(LIMIT).fill(200));
      expect(allowed[2]?.body).toEqual(allowed[0]?.body);
      const refused = await simulate("127.0.0.7");
      expect(refused.status).toBe(429);
      expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60 / LIMIT);
      expect(refused.body).toEqual({
        error: {
          status: 429,
          field: "rate-limit",
          message: `too many simulations from this client: at most ${LIMIT} a minute; try again in ${refused.retryAfter} s`,
        },
      });
      // Another client has an allowance of its own.
      expect((await simulate("127.0.0.8")).status).toBe(200);
    } finally {
      await stop(server);
    }
  });
});
