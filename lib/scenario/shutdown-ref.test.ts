import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DEFAULT_EFFICIENCY_J_PER_TH, DEFAULT_HORIZON_DAYS, MAX_OPERATOR_NAME_CHARS, MAX_SITE_ID } from "./limits";
import { formatShutdown, type ScenarioItem, type ScenarioSettings, scenarioExportQuery, scenarioParams, scenarioRequest } from "./scenario";
import { lenientScenarioQuery, ScenarioBody, scenarioQuery, scenarioSettingsOf } from "./schema";
import { readItemText, readShutdownRef, refText, shutdownRefOf, shutdownTarget } from "./shutdown-ref";

// One reference per item, whatever level it names; each level's form in a table, then the three
// readings (export query, dashboard link, JSON body) shown to give back what was written, for any
// references fast-check can make up — operator names with ",", ":", "%", "+", "&", "#" included.

describe("readShutdownRef: one canonical reference per level", () => {
  it.each([
    ["CN", "CN", { kind: "id", id: "CN" }],
    ["eaeu", "EAEU", { kind: "id", id: "EAEU" }],
    ["ERCOT", "ERCOT", { kind: "id", id: "ERCOT" }],
    [" us-tx ", "US-TX", { kind: "region", code: "US-TX", country: "US" }],
    ["CN-XJ", "CN-XJ", { kind: "region", code: "CN-XJ", country: "CN" }],
    ["RU-IRK", "RU-IRK", { kind: "region", code: "RU-IRK", country: "RU" }],
    ["UA-14", "UA-14", { kind: "region", code: "UA-14", country: "UA" }],
    ["FR-75C", "FR-75C", { kind: "region", code: "FR-75C", country: "FR" }],
    ["US-X", "US-X", { kind: "region", code: "US-X", country: "US" }],
    ["site:12", "site:12", { kind: "site", site: 12 }],
    ["SITE:007", "site:7", { kind: "site", site: 7 }],
    [`site:${MAX_SITE_ID}`, `site:${MAX_SITE_ID}`, { kind: "site", site: MAX_SITE_ID }],
    ["op:Riot Platforms", "op:Riot Platforms", { kind: "operator", operator: "Riot Platforms" }],
    ["OP:  Hut 8 ", "op:Hut 8", { kind: "operator", operator: "Hut 8" }],
    ["op:Zero Two / MARA JV", "op:Zero Two / MARA JV", { kind: "operator", operator: "Zero Two / MARA JV" }],
    ["op:Foo, Inc.: 100%", "op:Foo, Inc.: 100%", { kind: "operator", operator: "Foo, Inc.: 100%" }],
    [
      `op:${"x".repeat(MAX_OPERATOR_NAME_CHARS)}`,
      `op:${"x".repeat(MAX_OPERATOR_NAME_CHARS)}`,
      { kind: "operator", operator: "x".repeat(MAX_OPERATOR_NAME_CHARS) },
    ],
  ])("%j → %s", (text, ref, target) => {
    expect(readShutdownRef(text)).toEqual({ ref, target });
    expect(shutdownTarget(ref)).toEqual(target);
    expect(shutdownRefOf(shutdownTarget(ref))).toBe(ref);
  });

  it.each([
    ["", /must be an ISO alpha-2 code/],
    ["C", /must be an ISO alpha-2 code/],
    ["1N", /must be/],
    ["A1234567890ABCDEF", /must be/],
    ["US-TEXAS", /must be/],
    ["U-TX", /must be/],
    ["USA-TX", /must be/],
    ["US-", /must be/],
    ["US-TX-1", /must be/],
    ["US_TX", /must be/],
    ["site", /SITE is reserved/],
    ["op", /OP is reserved/],
    ["site:", /whole number from 1/],
    ["site:0", /whole number from 1/],
    ["site:-1", /whole number from 1/],
    ["site:1.5", /whole number from 1/],
    ["site:1e3", /whole number from 1/],
    ["site:abc", /whole number from 1/],
    [`site:${MAX_SITE_ID + 1}`, /whole number from 1 to 2147483647/],
    ["op:", /needs a name/],
    ["op:   ", /needs a name/],
    [`op:${"x".repeat(MAX_OPERATOR_NAME_CHARS + 1)}`, /at most 120 characters/],
    ["op:Tab\there", /control characters/],
    ["op:New\nline", /control characters/],
  ])("refuses %j: %s", (text, problem) => {
    const read = readShutdownRef(text);
    expect(read).toEqual({ problem: expect.stringMatching(problem) });
  });
});

describe("the link's text form", () => {
  it.each([
    ["US-TX", { id: "US-TX", fraction: 1 }],
    ["us-tx:0.8", { id: "us-tx", fraction: 0.8 }],
    ["site:12:0.5", { id: "site:12", fraction: 0.5 }],
    ["op:Riot Platforms", { id: "op:Riot Platforms", fraction: 1 }],
    ["op:Riot Platforms:.25", { id: "op:Riot Platforms", fraction: 0.25 }],
    ["op:Foo%2C Inc.%3A 100%25:1", { id: "op:Foo, Inc.: 100%", fraction: 1 }],
    ["op:caf%c3%a9", { id: "op:café", fraction: 1 }],
  ])("reads %j", (text, item) => {
    expect(readItemText(text)).toEqual(item);
  });

  it.each([
    ["site:0.5", /not site:<id>/],
    ["site:12:x", /not site:<id>/],
    ["site:", /not site:<id>/],
    ["op:a:b", /not op:<name>/],
    ["op:100%", /not an escape/],
    ["op:%zz", /not an escape/],
    ["US-TX:", /not an id/],
    ["US TX", /not an id/],
  ])("refuses %j", (text, problem) => {
    expect(readItemText(text)).toEqual({ problem: expect.stringMatching(problem) });
  });

  it("escapes only what would end an operator's name early", () => {
    expect(refText("op:Foo, Inc.: 100%")).toBe("op:Foo%2C Inc.%3A 100%25");
    expect(refText("op:Hut 8")).toBe("op:Hut 8");
    expect(refText("US-TX")).toBe("US-TX");
    expect(
      formatShutdown([
        { id: "US-TX", fraction: 0.8 },
        { id: "site:12", fraction: 1 },
        { id: "op:A:B", fraction: 0.5 },
      ]),
    ).toBe("US-TX:0.8,site:12,op:A%3AB:0.5");
  });
});

// ---- Round trips, for references fast-check makes up.

const id = fc.stringMatching(/^[A-Z][A-Z0-9]{1,15}$/).filter((s) => s !== "OP" && s !== "SITE");
const region = fc.stringMatching(/^[A-Z]{2}-[A-Z0-9]{1,3}$/);
const site = fc.integer({ min: 1, max: MAX_SITE_ID }).map((n) => `site:${n}`);
const namePiece = fc.oneof(
  fc.constantFrom("%", ",", ":", "+", "&", "=", "#", "?", " ", "%2C", "%%", "é", "漢", "🙂", "site:1", "op:"),
  fc.string({ maxLength: 6 }),
);
// Names the grammar takes as they are (trimmed, not too long, no control characters).
const operator = fc
  .array(namePiece, { minLength: 1, maxLength: 8 })
  .map((parts) => `op:${parts.join("")}`)
  .filter((ref) => {
    const read = readShutdownRef(ref);
    return "ref" in read && read.ref === ref;
  });
const item: fc.Arbitrary<ScenarioItem> = fc.record({
  id: fc.oneof(id, region, site, operator),
  fraction: fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000),
});
const items = fc.array(item, { minLength: 1, maxLength: 12 });

const settingsOf = (shutdown: ScenarioItem[]): ScenarioSettings => ({
  shutdown,
  blocksIntoEpoch: 0,
  migration: null,
  horizonDays: DEFAULT_HORIZON_DAYS,
  efficiency: DEFAULT_EFFICIENCY_J_PER_TH,
});

describe("round trips", () => {
  it("every generated reference is canonical: reading it gives it back", () => {
    fc.assert(
      fc.property(item, ({ id: ref }) => {
        expect(readShutdownRef(ref)).toMatchObject({ ref });
      }),
    );
  });

  it("the export query gives back the items, through URL encoding", () => {
    const strict = z.object(scenarioQuery);
    fc.assert(
      fc.property(items, (shutdown) => {
        const query = new URLSearchParams(scenarioExportQuery(settingsOf(shutdown), "best-estimate", "2025-06"));
        expect(scenarioSettingsOf(strict.parse(Object.fromEntries(query))).shutdown).toEqual(shutdown);
      }),
    );
  });

  it("the dashboard link gives back the items, read leniently", () => {
    const lenient = z.object(lenientScenarioQuery);
    fc.assert(
      fc.property(items, (shutdown) => {
        const query = new URLSearchParams(scenarioParams(settingsOf(shutdown))).toString();
        expect(scenarioSettingsOf(lenient.parse(Object.fromEntries(new URLSearchParams(query)))).shutdown).toEqual(shutdown);
      }),
    );
  });

  it("the JSON body gives back the items, whichever form each is written in", () => {
    fc.assert(
      fc.property(items, (shutdown) => {
        const request = scenarioRequest(settingsOf(shutdown), "best-estimate", "2025-06");
        const body: unknown = JSON.parse(JSON.stringify(request));
        expect(ScenarioBody.parse(body).shutdown).toEqual(shutdown);
      }),
    );
  });
});
