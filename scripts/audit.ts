// `npx tsx scripts/audit.ts`: npm's advisory check of the production dependencies. Prints one line;
// exits 1 on a high or critical advisory, 0 when there is none — and 0 with "skipped" when the
// registry's audit service cannot be reached (offline, or a mirror that does not offer it), since
// that says nothing about the dependencies. Any other failure of npm exits 2.
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(__dirname, "..");
const TIMEOUT_MS = 120_000;

type Severity = "info" | "low" | "moderate" | "high" | "critical";
const SEVERITIES: Severity[] = ["critical", "high", "moderate", "low", "info"];

type AuditReport = {
  auditReportVersion?: number;
  vulnerabilities?: Record<string, { name?: string; severity?: Severity; isDirect?: boolean; fixAvailable?: unknown }>;
  metadata?: { vulnerabilities?: Partial<Record<Severity | "total", number>>; dependencies?: { prod?: number; total?: number } };
  error?: { code?: string | null; summary?: string; detail?: string };
  message?: string;
  statusCode?: number;
  code?: string;
};

export type AuditOutcome = { status: "ok" | "vulnerable" | "skipped" | "failed"; exitCode: 0 | 1 | 2; line: string };

/** Errors that mean the audit service was not reached, not that the dependencies are at fault. */
const UNREACHABLE_CODES =
  /^(E?NOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ESOCKETTIMEDOUT|ENETUNREACH|EHOSTUNREACH|EPROTO|ECONNABORTED|CERT_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|EOFFLINE|ENOTCACHED)/i;
const UNREACHABLE_TEXT =
  /audit endpoint returned an error|request to .* failed|network|getaddrinfo|socket hang up|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|offline|\b(404|405|429|5\d\d)\b/i;

function parseReport(stdout: string): AuditReport | null {
  const text = stdout.trim();
  if (!text) return null;
  try {
    return JSON.parse(text) as AuditReport;
  } catch {
    // npm may print a warning line before the JSON.
    const start = text.indexOf("{");
    if (start < 0) return null;
    try {
      return JSON.parse(text.slice(start)) as AuditReport;
    } catch {
      return null;
    }
  }
}

/** A URL (any scheme) or a bare host name such as a registry's or a mirror's. */
const URL_OR_HOST =
  /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>()]+|\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?!(?:json|js|cjs|mjs|ts|lock|log|md|txt|ya?ml|tgz)\b)[a-z]{2,}\b/gi;

/**
 * npm's messages quote the registry's full URL ("405 Method Not Allowed - POST https://…/bulk");
 * whatever this script prints ends up in bench/RESULTS.md, which must never name a registry's host.
 */
export function withoutHosts(text: string): string {
  return text.replace(URL_OR_HOST, "(address omitted)");
}

/** Why the audit service was not reached: the HTTP status, else npm's error code — never a host or URL. */
export function unreachableReason(report: { statusCode?: number } | null, code: string, text: string): string {
  const status = report?.statusCode ?? Number(/^E(\d{3})$/.exec(code)?.[1] ?? /(?:^|\s)([45]\d\d)\s+[A-Z][a-z]/.exec(text)?.[1] ?? NaN);
  if (Number.isInteger(status) && status >= 100 && status <= 599) return `HTTP ${status}`;
  const errno = /^[A-Z][A-Z0-9_]{2,40}$/.test(code) ? code : /\b(E[A-Z]{3,}[A-Z_]*)\b/.exec(text)?.[1];
  return errno ?? "no answer";
}

/** What `npm audit --omit=dev --json` said, as one line and an exit code. */
export function summarizeAudit(result: { stdout: string; stderr: string; status: number | null; error?: Error }): AuditOutcome {
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code ?? "";
    if (code === "ETIMEDOUT") return { status: "skipped", exitCode: 0, line: `npm audit: skipped — no answer from the registry within ${TIMEOUT_MS / 1000} s` };
    return { status: "failed", exitCode: 2, line: `npm audit: could not run npm (${withoutHosts(result.error.message)})` };
  }
  const report = parseReport(result.stdout);
  const counts = report?.metadata?.vulnerabilities;
  if (report && counts) {
    const n = (s: Severity) => counts[s] ?? 0;
    const total = counts.total ?? SEVERITIES.reduce((sum, s) => sum + n(s), 0);
    const deps = report.metadata?.dependencies?.prod ?? report.metadata?.dependencies?.total;
    const scope = `production dependencies${deps !== undefined ? ` (${deps} packages)` : ""}`;
    const breakdown = SEVERITIES.filter((s) => n(s) > 0)
      .map((s) => `${n(s)} ${s}`)
      .join(", ");
    const serious = Object.values(report.vulnerabilities ?? {})
      .filter((v) => v.severity === "high" || v.severity === "critical")
      .map((v) => `${v.name ?? "?"} (${v.severity})`)
      .sort();
    if (n("high") + n("critical") > 0) {
      return { status: "vulnerable", exitCode: 1, line: `npm audit: FAIL — ${breakdown} in ${scope}: ${serious.join(", ") || "see npm audit --omit=dev"}` };
    }
    return { status: "ok", exitCode: 0, line: `npm audit: ok — ${total === 0 ? "no advisories" : `${breakdown}, none high or critical`} in ${scope}` };
  }
  const code = String(report?.error?.code ?? report?.code ?? "");
  const text = [report?.message, report?.error?.summary, report?.error?.detail, result.stderr].filter(Boolean).join(" ");
  const status = report?.statusCode;
  if (
    UNREACHABLE_CODES.test(code) ||
    (status !== undefined && (status === 404 || status === 405 || status === 429 || status >= 500)) ||
    UNREACHABLE_TEXT.test(text)
  ) {
    const reason = unreachableReason(report, code, text);
    return { status: "skipped", exitCode: 0, line: `npm audit: skipped — the registry's audit service could not be reached (${reason})` };
  }
  const reason = withoutHosts((text.split("\n").find((l) => l.trim()) ?? "").trim()) || `exit code ${result.status}`;
  return { status: "failed", exitCode: 2, line: `npm audit: failed — ${reason.slice(0, 200)}` };
}

function main() {
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const run = spawnSync(npm, ["audit", "--omit=dev", "--audit-level=high", "--json"], {
    cwd: root,
    encoding: "utf8",
    timeout: TIMEOUT_MS,
    maxBuffer: 64 << 20,
    env: { ...process.env, npm_config_update_notifier: "false", npm_config_fund: "false" },
  });
  const outcome = summarizeAudit({ stdout: run.stdout ?? "", stderr: run.stderr ?? "", status: run.status, error: run.error });
  console.log(outcome.line);
  process.exit(outcome.exitCode);
}

if (require.main === module) main();
