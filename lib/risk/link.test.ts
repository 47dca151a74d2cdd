import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatRiskEvents } from "./link";
import { lenientRiskQuery, type RiskEvent, riskEventsParam } from "./schema";
import { RISK_PARAMS } from "./limits";

// The events' text form as the dashboard writes it into its link (schema.test.ts reads each syntax
// form and limit): whatever is written reads back the same, strictly and leniently.

const lenientEvents = lenientRiskQuery[RISK_PARAMS.events];

describe("risk events written into a link", () => {
  it.each([
    [[{ id: "CN", probability: 0.1, fraction: 1 }], "CN:0.1"],
    [
      [
        { id: "EAEU", probability: 0.02, fraction: 0.5 },
        { id: "US", probability: 0.5, fraction: 0.41666666666666663 },
      ],
      "EAEU:0.02:0.5,US:0.5:0.41666666666666663",
    ],
    // JavaScript writes these in exponent form, which the link's syntax does not read.
    [[{ id: "GCC", probability: 1e-7, fraction: 2.5e-7 }], "GCC:0.0000001:0.00000025"],
    [[], ""],
  ])("writes %j as %s", (events, text) => {
    expect(formatRiskEvents(events)).toBe(text);
  });

  it("reads back exactly what it writes, a heuristic's unrounded fraction included", () => {
    // Any double from one in a million up (below that the fixed-point form keeps 20 decimals, not every digit).
    const chance = fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1, noNaN: true }));
    const event: fc.Arbitrary<RiskEvent> = fc.record({
      id: fc.constantFrom("CN", "US", "KZ", "EAEU", "BRICS"),
      probability: chance,
      fraction: chance.filter((x) => x > 0),
    });
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 8 }), (events) => {
        const text = formatRiskEvents(events);
        expect(riskEventsParam.parse(text)).toEqual(events);
        expect(lenientEvents.parse(text)).toEqual(events);
      }),
    );
  });
});
