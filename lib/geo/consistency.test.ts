import { describe, expect, it } from "vitest";
import { loadSeedBundle } from "../../seed/load";
import { loadWorldIso2 } from "./world";

// A country with data but no shape would silently vanish from the map.
describe("seed ↔ world geometry", () => {
  const bundle = loadSeedBundle();
  const world = loadWorldIso2();
  const codes = (pick: (d: (typeof bundle.datasets)[number]) => (string | null)[]) =>
    [...new Set(bundle.datasets.flatMap(pick))].filter((c): c is string => c !== null).sort();

  it.each([
    ["hashrate shares", codes((d) => (d.shares ?? []).map((s) => s.countryIso2))],
    ["mining sites", codes((d) => (d.sites ?? []).map((s) => s.countryIso2))],
    ["power prices", codes((d) => (d.prices ?? []).map((p) => p.countryIso2))],
    ["bloc members", codes((d) => (d.blocs ?? []).flatMap((b) => b.members))],
  ])("every country with %s has a shape on the map", (_what, iso2s) => {
    expect(iso2s.length).toBeGreaterThan(0);
    expect(iso2s.filter((c) => !world.has(c))).toEqual([]);
  });
});
