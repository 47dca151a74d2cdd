// Started detached by scripts/postgres-server.ts beside each throw-away cluster: when the process that
// started the cluster is gone without stopping it (killed, crashed, a test worker torn down), this
// stops the server and removes its folder, so no postgres outlives its test run.
// argv: <pid to watch> <folder to remove> <stop command as JSON: [file, ...args]>
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");

const [watched, folder, stopJson] = process.argv.slice(2);
const stop = JSON.parse(stopJson);
const POLL_MS = 500;

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

const timer = setInterval(() => {
  if (alive(Number(watched))) return;
  clearInterval(timer);
  if (fs.existsSync(folder)) {
    // A server frozen by pause() would not hear the stop: let it go on first.
    try {
      for (const pid of JSON.parse(fs.readFileSync(`${folder}/paused.json`, "utf8"))) process.kill(pid, "SIGCONT");
    } catch {
      // none paused, or already gone
    }
    spawnSync(stop[0], stop.slice(1), { stdio: "ignore", cwd: "/", timeout: 30_000 });
    fs.rmSync(folder, { recursive: true, force: true });
  }
}, POLL_MS);
