import fs from "node:fs";
import path from "node:path";

// CPU time of processes, read from Linux's /proc: the work a figure did, which the load of a shared
// machine spreads over more wall-clock time but does not increase. Beside a wall-clock figure it tells
// where the time went (this process, the app server, the PostgreSQL server). Linux only, as the bench.

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

type Stat = { ppid: number; ownTicks: number; reapedTicks: number };

function stat(pid: number): Stat | null {
  try {
    // After the command name, which may hold spaces and ends at the last ')': state, ppid, …, utime (14th field), stime, cutime, cstime.
    const text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    const n = (i: number) => Number(fields[i]);
    return { ppid: n(1), ownTicks: n(11) + n(12), reapedTicks: n(13) + n(14) };
  } catch {
    return null; // gone meanwhile
  }
}

/** Every live process's parent, by pid. */
function children(): Map<number, number[]> {
  const byParent = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const s = stat(Number(entry));
    if (s) byParent.set(s.ppid, [...(byParent.get(s.ppid) ?? []), Number(entry)]);
  }
  return byParent;
}

/** CPU ms used so far by `pid` (all its threads), its live descendants and the children it has reaped. */
export function processTreeCpuMs(pid: number): number {
  const byParent = children();
  let ticks = 0;
  const stack = [pid];
  for (let p = stack.pop(); p !== undefined; p = stack.pop()) {
    const s = stat(p);
    if (!s) continue;
    ticks += s.ownTicks + s.reapedTicks;
    stack.push(...(byParent.get(p) ?? []));
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** CPU ms used so far by a PostgreSQL cluster (scripts/postgres-server.ts's folder): the postmaster, its backends and workers, live or ended. */
export function postgresCpuMs(folder: string): number {
  const postmaster = Number(fs.readFileSync(path.join(folder, "data", "postmaster.pid"), "utf8").split("\n")[0]);
  return processTreeCpuMs(postmaster);
}

/** This process's CPU ms so far (all its threads). */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
