import { describe, expect, it } from "vitest";
import { summarizeAudit, unreachableReason, withoutHosts } from "./audit";

// What scripts/audit.ts prints is recorded in bench/RESULTS.md: it may say that the audit service
// was unreachable and with which HTTP status, never where the registry lives. The hosts below are
// made up and assembled at run time, so that this file names no registry itself.
const HOST = ["registry", "example", "org"].join(".");
const MIRROR = ["deb", "mirror", "example", "net"].join(".");
const BULK = `https://${HOST}/-/npm/v1/security/advisories/bulk`;

/** What npm 10 prints for `npm audit --omit=dev --json` when the registry refuses the bulk endpoint. */
const NPM_405 = {
  stdout: JSON.stringify(
    {
      message: `405 Method Not Allowed - POST ${BULK}`,
      method: "POST",
      uri: BULK,
      headers: { allow: ["GET,HEAD"], "content-length": ["0"], "x-fetch-attempts": ["1"] },
      statusCode: 405,
      body: "",
      error: { summary: "", detail: "" },
    },
    null,
    2,
  ),
  stderr: `npm warn audit 405 Method Not Allowed - POST ${BULK}\nnpm error audit endpoint returned an error\nnpm error A complete log of this run can be found in: /root/.npm/_logs/x-debug-0.log\n`,
  status: 1,
};

const NPM_ENOTFOUND = {
  stdout: JSON.stringify({
    error: {
      code: "ENOTFOUND",
      summary: `request to ${BULK} failed, reason: getaddrinfo ENOTFOUND ${HOST}`,
      detail: `This is a problem related to network connectivity.\nIn most cases you are behind a proxy or have bad network settings.`,
    },
  }),
  stderr: `npm error code ENOTFOUND\nnpm error network request to ${BULK} failed, reason: getaddrinfo ENOTFOUND ${HOST}\n`,
  status: 1,
};

const NPM_503_TEXT_ONLY = {
  stdout: "",
  stderr: `npm warn audit 503 Service Unavailable - POST ${BULK}\nnpm error audit endpoint returned an error\n`,
  status: 1,
};

const NPM_OTHER_FAILURE = { stdout: "", stderr: `npm error Invalid response body while trying to fetch ${BULK}: Unexpected token < in JSON\n`, status: 1 };

/** Nothing in `line` that could locate a server: no scheme, no host, none of the made-up names. */
function expectNoAddress(line: string) {
  expect(line).not.toMatch(/:\/\//);
  expect(line).not.toContain(HOST);
  expect(line).not.toContain(MIRROR);
  expect(line).not.toMatch(/example|advisories|\/-\//);
}

describe("summarizeAudit", () => {
  it.each([
    ["a 405 from a registry without the audit endpoint", NPM_405, "HTTP 405"],
    ["a registry that cannot be resolved", NPM_ENOTFOUND, "ENOTFOUND"],
    ["a 503 named only in npm's warning", NPM_503_TEXT_ONLY, "HTTP 503"],
  ])("reduces %s to the status or error code", (_case, run, reason) => {
    const outcome = summarizeAudit(run);
    expect(outcome).toEqual({
      status: "skipped",
      exitCode: 0,
      line: `npm audit: skipped — the registry's audit service could not be reached (${reason})`,
    });
    expectNoAddress(outcome.line);
  });

  it("keeps npm's words but not the address when it fails for another reason", () => {
    const outcome = summarizeAudit(NPM_OTHER_FAILURE);
    expect(outcome.status).toBe("failed");
    expect(outcome.exitCode).toBe(2);
    expect(outcome.line).toMatch(/^npm audit: failed — npm error Invalid response body while trying to fetch .*Unexpected token/);
    expectNoAddress(outcome.line);
  });

  it("reports an audit that was answered", () => {
    const report = { auditReportVersion: 2, vulnerabilities: {}, metadata: { vulnerabilities: { total: 0 }, dependencies: { prod: 120 } } };
    expect(summarizeAudit({ stdout: JSON.stringify(report), stderr: "", status: 0 }).line).toBe(
      "npm audit: ok — no advisories in production dependencies (120 packages)",
    );
  });
});

describe("withoutHosts and unreachableReason", () => {
  it.each([
    [`GET ${BULK} failed`, "GET (address omitted) failed"],
    [`getaddrinfo EAI_AGAIN ${MIRROR}`, "getaddrinfo EAI_AGAIN (address omitted)"],
    [`fetch http://${MIRROR}:8080/pool/main/x.deb (proxy ${HOST})`, "fetch (address omitted) (proxy (address omitted))"],
    ["ENOLOCK: run npm i to create package-lock.json", "ENOLOCK: run npm i to create package-lock.json"],
  ])("%s", (text, expected) => {
    expect(withoutHosts(text)).toBe(expected);
  });

  it.each([
    [{ statusCode: 429 }, "", "", "HTTP 429"],
    [null, "E404", `404 Not Found - POST ${BULK}`, "HTTP 404"],
    [null, "", `socket hang up ECONNRESET ${HOST}`, "ECONNRESET"],
    [null, "", `request to ${BULK} failed`, "no answer"],
    [null, `weird code ${HOST}`, "", "no answer"],
  ])("%j %s %s → %s", (report, code, text, expected) => {
    expect(unreachableReason(report, code, text)).toBe(expected);
  });
});
