// SIGTERM to `npm start` (scripts/start.ts → next start) on a database file of its own: requests in
// flight are finished, new connections refused, `npm start` exits 0 and the database is intact.
import http from "node:http";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { syntheticSitesCsv } from "@/bench/synthetic";
import { openSqlite } from "@/lib/db/sqlite";
import { faultFixture, integrity, PROVENANCE, sitesOf, sleep, startNpm, TOKEN } from "./support";

const { copyBase } = faultFixture("stop");

/** A POST whose body is sent in parts; `keepAlive` keeps its connection open as a browser would. */
function streamingPost(url: string, pathAndQuery: string, headers: Record<string, string>, totalBytes: number, options: { keepAlive?: boolean } = {}) {
  const target = new URL(url);
  type Answer = { status: number; body: string };
  let resolveResponse: (value: Answer) => void = () => {};
  let rejectResponse: (error: Error) => void = () => {};
  const response = new Promise<Answer>((resolve, reject) => {
    resolveResponse = resolve;
    rejectResponse = reject;
  });
  const agent = options.keepAlive ? new http.Agent({ keepAlive: true }) : false;
  const request = http.request(
    {
      host: target.hostname,
      port: target.port,
      method: "POST",
      path: pathAndQuery,
      headers: { ...headers, "content-length": String(totalBytes), ...(options.keepAlive ? {} : { connection: "close" }) },
      agent,
    },
    (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        resolveResponse({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") });
      });
      res.on("error", rejectResponse);
    },
  );
  request.on("error", rejectResponse);
  // The client keeps a keep-alive connection until told to let go: only the server may end it first.
  return { write: (chunk: string) => request.write(chunk), end: (chunk: string) => request.end(chunk), response, release: () => agent && agent.destroy() };
}

async function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

describe("stopping the server", () => {
  it("c. SIGTERM: requests in flight finish, new connections are refused, npm start exits 0", async () => {
    const t0 = Date.now();
    const ROWS = 5_000;
    const server = await startNpm(copyBase("c.db"), { LOG_LEVEL: "info" }); // request lines explain a slow stop
    const csv = syntheticSitesCsv(ROWS);
    const upload = streamingPost(
      server.url,
      `/api/import?kind=sites&dataset=fault-c&${PROVENANCE}`,
      { authorization: `Bearer ${TOKEN}`, "content-type": "text/csv" },
      Buffer.byteLength(csv),
    );
    const scenario = JSON.stringify({
      period: "2021-05",
      shutdown: ["CN", "US", { id: "EAEU", fraction: 0.7 }],
      migration: { fraction: 0.8, days: 3000, delayDays: 100, weighting: "cheap-power" },
      horizonDays: 3650,
    });
    // A keep-alive connection busy when the stop comes: Node's close() alone would leave it open
    // after its answer, up to the 120 s keep-alive timeout (scripts/graceful-close.cjs).
    const simulation = streamingPost(server.url, "/api/simulate", { "content-type": "application/json" }, Buffer.byteLength(scenario), { keepAlive: true });
    const exportRequest = fetch(`${server.url}/api/export?what=distribution&period=all&format=csv`, { signal: AbortSignal.timeout(60_000) });
    upload.write(csv.slice(0, 1000));
    simulation.write(scenario.slice(0, 20));
    await sleep(500); // both handlers are now waiting for the rest of their bodies

    server.child.kill("SIGTERM");
    const signalledAt = Date.now();
    let refused = false;
    while (!refused && Date.now() - signalledAt < 10_000) {
      refused = await refusesConnections(server.port);
      if (!refused) await sleep(50);
    }
    expect(
      refused,
      `the server still accepts connections 10 s after SIGTERM (npm start: exit ${server.child.exitCode}, signal ${server.child.signalCode}); its output:\n${server.output().slice(-3000)}`,
    ).toBe(true);
    expect(server.child.exitCode).toBeNull(); // still finishing what is in flight

    upload.end(csv.slice(1000));
    simulation.end(scenario.slice(20));
    const [imported, simulated, exported] = await Promise.all([upload.response, simulation.response, exportRequest]);
    expect(imported.status).toBe(201);
    expect(JSON.parse(imported.body)).toMatchObject({ dataset: "fault-c", rows: ROWS });
    expect(simulated.status).toBe(200);
    expect((JSON.parse(simulated.body) as { timeline: unknown[] }).timeline.length).toBeGreaterThanOrEqual(3650);
    expect(exported.status).toBe(200);
    expect((await exported.text()).split("\n").length).toBeGreaterThan(100);
    const answeredAt = Date.now();

    const exit = await server.exit;
    expect(exit).toMatchObject({ code: 0, signal: null });
    // Next waits for the connections to close; idle ones are swept once it is closing.
    expect(
      exit.at - answeredAt,
      `npm start took ${exit.at - answeredAt} ms to exit after the answers; its output:\n${server.output().slice(-4000)}`,
    ).toBeLessThan(15_000);
    simulation.release();
    expect(integrity(server.dbFile)).toBe("ok");
    expect(sitesOf(server.dbFile, "fault-c")).toEqual({ dataset: 1, sites: ROWS });
    // Reopenable for writing, as the next start will.
    const db = openSqlite(server.dbFile);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
    console.log(
      `fault c: in-flight import, 3650-day simulation and export answered ${answeredAt - signalledAt} ms after SIGTERM; npm start exited 0 ${exit.at - answeredAt} ms later; ${Date.now() - t0} ms`,
    );
  }, 120_000);
});
