import { describe, expect, it } from "vitest";
import { loadSeedBundle } from "@/seed/load";
import { BACKTEST_CASES, NOT_BACKTESTED } from "./cases";

// The cases name rows of the seeded files by page, metric and label: each must find what it names,
// or a case would silently lose a window, an exclusion or its fraction.

const bundle = loadSeedBundle();
const content = (slug: string) => bundle.datasets.find((d) => d.meta.slug === slug);
const observations = content("shock-observations")?.observations ?? [];
const networkEvents = content("network-events")?.events ?? [];
const shockEvents = content("shock-events")?.shocks ?? [];

describe("the backtest cases, against the seed", () => {
  it("cover the five shocks the issue names, each once", () => {
    const ids = BACKTEST_CASES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ["cn-2021-05", "kz-2022-01", "us-2022-12", "us-2024-01", "us-2026-01"]) expect(ids).toContain(id);
  });

  it.each(BACKTEST_CASES.map((c) => [c.id, c] as const))("%s finds its event, window, fraction rows and exclusions", (_id, c) => {
    const rows = "observations" in c.figures ? observations.filter((o) => o.eventId === (c.figures as { observations: string }).observations) : [];
    if ("observations" in c.figures) expect(rows.length).toBeGreaterThan(0);
    if (c.shockEvent) expect(shockEvents.map((e) => e.slug)).toContain(c.shockEvent);
    if ("shockEvent" in c.window) expect(shockEvents.map((e) => e.slug)).toContain(c.window.shockEvent);
    else {
      const { metric, sourceUrl } = c.window;
      expect(rows.filter((r) => r.metric === metric && r.sourceUrl === sourceUrl)).toHaveLength(1);
    }
    for (const e of c.exclude ?? []) {
      const matched = rows.filter((r) => r.sourceUrl === e.sourceUrl && r.metric === e.metric && (e.dateLabel === undefined || r.dateLabel === e.dateLabel));
      expect(matched.length, e.why).toBeGreaterThan(0);
    }
    if ("networkEvents" in c.figures) {
      for (const { before, trough } of c.figures.networkEvents) {
        for (const m of [before, trough]) {
          expect(
            networkEvents.filter((r) => r.event === m.event && (m.dateLabel === undefined || r.dateLabel === m.dateLabel)),
            m.event,
          ).toHaveLength(1);
        }
      }
    }
    const rule = c.fraction;
    if (rule.method === "pool-proxy") expect(rows.some((r) => r.metric === "pool_hashrate_change" && (r.note ?? "").startsWith(rule.pool))).toBe(true);
    if (rule.method === "share-offline") expect(rows.some((r) => r.metric === "share_offline" && !r.jurisdiction.includes("-"))).toBe(true);
    if (rule.method === "power") expect(rows.some((r) => r.metric === "curtailed_power")).toBe(true);
    expect(c.leftOut.length).toBeGreaterThan(0);
  });

  it("give every other recorded event a reason, and no reason to an event that is not recorded", () => {
    const covered = new Set(BACKTEST_CASES.flatMap((c) => ["observations" in c.figures ? c.figures.observations : "", c.shockEvent ?? ""]));
    const recorded = new Set([...observations.map((o) => o.eventId), ...shockEvents.map((e) => e.slug)]);
    for (const id of recorded) if (!covered.has(id)) expect(NOT_BACKTESTED[id], id).toBeDefined();
    for (const id of Object.keys(NOT_BACKTESTED)) {
      expect(recorded, id).toContain(id);
      expect(covered, id).not.toContain(id);
    }
  });
});
