import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_RISK_EVENTS } from "./limits";
import { formatRiskEvents } from "./link";
import { lenientRiskEventsParam, type RiskEvent, riskEventsParam } from "./schema";

// The events' text form in a link: written by formatRiskEvents, read strictly (an export query) or
// leniently (a dashboard link) by the body's rules.

function readStrict(text: string) {
  const parsed = riskEventsParam.safeParse(text);
  return parsed.success ? parsed.data : { refused: parsed.error.issues[0]?.message ?? "" };
}

describe("risk events in a link: id:probability[:fraction], comma-separated", () => {
  it.each([
    ["CN:0.1", [{ id: "CN", probability: 0.1, fraction: 1 }]],
    ["cn:.1", [{ id: "CN", probability: 0.1, fraction: 1 }]],
    [
      "CN:0.1,EAEU:0.02:0.5",
      [
        { id: "CN", probability: 0.1, fraction: 1 },
        { id: "EAEU", probability: 0.02, fraction: 0.5 },
      ],
    ],
    ["US:0", [{ id: "US", probability: 0, fraction: 1 }]],
    ["US:1:1.0", [{ id: "US", probability: 1, fraction: 1 }]],
    // Two events on one country are two independent events (the body allows it too).
    [
      "US:0.5,US:0.1:0.25",
      [
        { id: "US", probability: 0.5, fraction: 1 },
        { id: "US", probability: 0.1, fraction: 0.25 },
      ],
    ],
  ])("reads %j the same strictly and leniently", (text, events) => {
    expect(readStrict(text)).toEqual(events);
    expect(lenientRiskEventsParam.parse(text)).toEqual(events);
  });

  it.each([
    ["", /item 1 \(""\) is not id:probability/],
    ["CN", /item 1 \("CN"\) is not id:probability/],
    ["CN:0.1,", /item 2 \(""\)/],
    ["CN:1.5", /item 1 \("CN:1.5"\): probability: must be ≤ 1/],
    ["CN:-0.1", /item 1 \("CN:-0.1"\) is not/],
    ["CN:0.1:0", /fraction: must be > 0/],
    ["CN:0.1:2", /fraction: must be ≤ 1/],
    ["CN:0.1:0.5:1", /item 1/],
    ["C:0.1", /id: must be an ISO alpha-2 code/],
    ["CN:abc", /item 1/],
    [Array.from({ length: MAX_RISK_EVENTS + 1 }, () => "US:0.1").join(","), /at most 500 events/],
  ])("refuses %j strictly, naming the item and why", (text, message) => {
    expect(readStrict(text)).toEqual({ refused: expect.stringMatching(message) as string });
  });

  it.each([
    ["CN:0.1,,US:0.2,", ["CN", "US"]],
    ["CN:2,US:0.2", []],
    ["nonsense", []],
    [Array.from({ length: MAX_RISK_EVENTS + 3 }, () => "US:0.1").join(","), Array.from({ length: MAX_RISK_EVENTS }, () => "US")],
  ])("reads %j leniently: skips empty items, cuts a long list, drops a list with a bad item", (text, ids) => {
    expect(lenientRiskEventsParam.parse(text).map((e) => e.id)).toEqual(ids);
  });

  it.each([
    [[{ id: "CN", probability: 0.1, fraction: 1 }], "CN:0.1"],
    [
      [
        { id: "EAEU", probability: 0.02, fraction: 0.5 },
        { id: "US", probability: 0.123456789, fraction: 0.416666667 },
      ],
      "EAEU:0.02:0.5,US:0.123457:0.416667",
    ],
    [[], ""],
  ])("writes %j as %s", (events, text) => {
    expect(formatRiskEvents(events)).toBe(text);
  });

  it("reads back what it writes", () => {
    const sixDigits = fc.integer({ min: 0, max: 1_000_000 }).map((x) => x / 1_000_000);
    const event: fc.Arbitrary<RiskEvent> = fc.record({
      id: fc.constantFrom("CN", "US", "KZ", "EAEU", "BRICS"),
      probability: sixDigits,
      fraction: sixDigits.filter((x) => x > 0),
    });
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 8 }), (events) => {
        expect(riskEventsParam.parse(formatRiskEvents(events))).toEqual(events);
      }),
    );
  });
});
