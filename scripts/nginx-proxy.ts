// Run deploy/nginx.conf for real, in front of app instances on this machine: for
// tests/deploy/nginx.test.ts. nginx runs in the foreground as a child, with everything it writes
// (cache, buffered bodies, pid) in a temporary prefix that stop() removes.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { freePort } from "./free-port";
import { renderNginxConf } from "./nginx-conf";

export type NginxProxy = {
  url: string;
  port: number;
  child: ChildProcess;
  /** The rendered deploy/nginx.conf that is running. */
  siteConf: string;
  /** What nginx wrote to stderr so far (its error log). */
  output: () => string;
  stop: () => Promise<void>;
};

/**
 * What Debian's /etc/nginx/nginx.conf provides around a conf.d site, pointed at the prefix: the
 * temporary paths (nginx creates them all at start, used or not) and no access log.
 */
function mainConf(prefix: string, siteFile: string): string {
  const temp = (name: string) => path.join(prefix, name);
  return [
    "worker_processes 1;",
    "events { worker_connections 512; }",
    "http {",
    "  access_log off;",
    `  client_body_temp_path ${temp("client_body")};`,
    `  proxy_temp_path ${temp("proxy")};`,
    `  fastcgi_temp_path ${temp("fastcgi")};`,
    `  uwsgi_temp_path ${temp("uwsgi")};`,
    `  scgi_temp_path ${temp("scgi")};`,
    `  include ${siteFile};`,
    "}",
    "",
  ].join("\n");
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

/** Start nginx with deploy/nginx.conf in front of 127.0.0.1:`appPorts`, on a free port. */
export async function startNginxProxy(options: { nginx: string; appPorts: number[]; waitMs?: number }): Promise<NginxProxy> {
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), "hashatlas-nginx-"));
  // Run as root, nginx's workers drop to an unprivileged user: they must be able to enter the prefix.
  fs.chmodSync(prefix, 0o755);
  const port = await freePort();
  const siteConf = renderNginxConf({ listen: `127.0.0.1:${port}`, serverName: "_", cacheDir: path.join(prefix, "cache"), appPorts: options.appPorts });
  const siteFile = path.join(prefix, "hashatlas.conf");
  const mainFile = path.join(prefix, "nginx.conf");
  fs.writeFileSync(siteFile, siteConf);
  fs.writeFileSync(mainFile, mainConf(prefix, siteFile));

  // Its own process group: stop() can then end the workers too, should the master not.
  const child = spawn(
    options.nginx,
    ["-p", `${prefix}/`, "-c", mainFile, "-e", "stderr", "-g", `daemon off; pid ${path.join(prefix, "nginx.pid")}; error_log stderr warn;`],
    { stdio: ["ignore", "ignore", "pipe"], detached: true },
  );
  let output = "";
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      child.kill("SIGTERM");
      const killed = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5_000))]);
      if (!killed) process.kill(-child.pid, "SIGKILL");
      await exited;
    }
    try {
      // Workers exit with the master; should one linger, the group goes with it.
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    } catch {
      // the group is gone
    }
    fs.rmSync(prefix, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.waitMs ?? 10_000);
  while (!(await listening(port))) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`nginx did not start on 127.0.0.1:${port}: ${output.trim() || "no output"}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url: `http://127.0.0.1:${port}`, port, child, siteConf, output: () => output, stop };
}
