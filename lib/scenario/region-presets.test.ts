import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../io/csv";
import { announcesAiHpcConversion, presetById, REGION_PRESETS, type RegionPreset } from "./region-presets";
import { readShutdownRef } from "./shutdown-ref";

// The presets are data with sources: each checked against the grammar, and against the seed's own
// files where the seed holds the same list, so that a preset cannot drift from its data.

const seedFile = (file: string) => parseCsv(fs.readFileSync(path.resolve(import.meta.dirname, "../../seed", file), "utf8"), file).records.map((r) => r.values);
const regionPreset = (id: string) => presetById(id) as RegionPreset;

describe("the presets", () => {
  it("each has an id of the shutdown grammar's id form, not a country, not a seeded bloc, not repeated", () => {
    const blocs = new Set(seedFile("blocs.csv").map((b) => b.id));
    const ids = REGION_PRESETS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(readShutdownRef(id)).toEqual({ ref: id, target: { kind: "id", id } });
      expect(id.length).toBeGreaterThan(2);
      expect(blocs.has(id)).toBe(false);
    }
    expect(ids).toEqual(["ERCOT", "RUBAN2025", "RUSEASONAL", "SICHUANDRY", "AIHPC"]);
  });

  it("region presets list ISO 3166-2 codes in their canonical form, each once, with https sources", () => {
    for (const preset of REGION_PRESETS) {
      expect(preset.note.length).toBeGreaterThan(20);
      expect(preset.fractionNote.length).toBeGreaterThan(20);
      for (const source of preset.sources) expect(source.url).toMatch(/^https:\/\/\S+$/);
      if (preset.kind !== "regions") continue;
      expect(preset.sources.length).toBeGreaterThan(0);
      expect(new Set(preset.regions).size).toBe(preset.regions.length);
      for (const code of preset.regions) expect(readShutdownRef(code)).toMatchObject({ ref: code, target: { kind: "region" } });
    }
  });

  it.each([
    ["ERCOT", ["US-TX"]],
    ["SICHUANDRY", ["CN-SC"]],
  ])("%s is %j", (id, regions) => {
    expect(regionPreset(id).regions).toEqual(regions);
  });

  it("Russia's ban presets are the regions of the seeded shock observations, with their sources", () => {
    const policy = seedFile("data/shock_observations_2022_2026.csv").filter(
      (o) => o.event_id === "ru-2025-01" && o.metric === "share_offline" && o.value === "",
    );
    const listOf = (url: string) => policy.find((o) => o.source_url === url)?.jurisdiction?.split(";");
    const ban = regionPreset("RUBAN2025");
    expect(ban.regions).toHaveLength(10);
    expect(listOf(ban.sources[0]!.url)).toEqual(ban.regions);
    const seasonal = regionPreset("RUSEASONAL");
    expect(listOf(seasonal.sources[0]!.url)).toEqual(seasonal.regions);
  });

  it("ERCOT's note holds for the seed: the Texas sites that name ERCOT hold about 95 % of the Texas sites' stated MW", () => {
    const texas = seedFile("data/mining_sites.csv").filter((s) => /(, TX\b|Texas)/.test(s.region_city ?? "") && s.capacity_MW !== "");
    const mw = (sites: typeof texas) => sites.reduce((sum, s) => sum + Number(s.capacity_MW), 0);
    const ercot = mw(texas.filter((s) => /ERCOT/.test(s.energy_source ?? ""))) / mw(texas);
    expect(ercot).toBeGreaterThan(0.93);
    expect(ercot).toBeLessThan(0.97);
  });

  it("unknown ids are no preset", () => {
    expect(presetById("ercot")).toBeUndefined();
    expect(presetById("EAEU")).toBeUndefined();
  });
});

describe("announced AI/HPC conversions: the rule over a site's status note", () => {
  it.each([
    // Counted: a conversion word and AI, HPC or GPU in the same clause (real notes from the seed).
    ["converting to AI/HPC: 500 MW BTC DC agreed Feb 2022 (phased, ops from late 2022); 100 MW HPC facility (~70 MW IT) for CoreWeave", true],
    ["operating since 2018; 104 MW; being converted to host CoreWeave AI/HPC (~38% of a 270 MW contract, 2024)", true],
    ["operating: 125 MW Bitcoin mining with ~300 MW contracted (Dec 2023); later converted toward an AI/HPC campus (CoreWeave) - $6.1bn", true],
    ["operating since 2022; 50 MW; BTC miners and AI servers in the same halls, being converted fully to AI (Dec 2025)", true],
    ["operating: Dorothy 1A+1B 50 MW; Soluna took 100% of campus and wind farm by May 2026, plans AI/HPC conversion", true],
    ["175 MW immersion-cooled build started Jul 2023, completion expected 2025 (baxtel); 2026: site being converted to a 180 MW AI data center", true],
    // Not counted.
    ["operating; 700 MW total developed capacity per Riot 10-Q for Q2 2025 (Riot is evaluating part of its power for AI/HPC)", false],
    ["operating/expanding: ~450 MW primarily allocated to Bitcoin mining; 75 MW Horizon 1 AI data center under construction for H2 2025", false],
    ["operating since Mar 2022: 245 MW energized across five buildings (10-Q Q1 2025); adding AI/HPC for Fluidstack/Google", false],
    ["operating; 80 MW plant acquired 2 Nov 2021; Aug 2025 Bitfarms bought 181 acres at Panther Creek for HPC/AI", false],
    ["operating; 80 MW; AI upgrades under way (Dec 2025)", false],
    ["operating: 180 MW blockchain hosting DC energized Mar 2023; adjacent Polaris Forge 1 AI campus for CoreWeave", false],
    ["development: 205 MW PPA + land secured 9 Jul 2024; existing substation, EPC under way; for BTC mining and/or AI", false],
    ["made up: the words in different clauses; converted to storage; AI elsewhere", false],
    ["closed: 26 MW site capped at 18 MW from 31 May 2022 after noise complaints", false],
    ["", false],
    [null, false],
  ])("%j → %s", (note, counted) => {
    expect(announcesAiHpcConversion(note)).toBe(counted);
  });

  it("picks exactly these seeded sites", () => {
    const sites = seedFile("data/mining_sites.csv").filter((s) => announcesAiHpcConversion(s.status_note ?? null));
    expect(sites.map((s) => `${s.operator}: ${s.site}`).sort()).toEqual([
      "Bitdeer: Tydal",
      "Core Scientific: Denton expansion",
      "Core Scientific: Marble",
      "Core Scientific: Muskogee",
      "IREN (Iris Energy): Prince George",
      "Soluna Holdings: Project Dorothy 1",
    ]);
    const preset = presetById("AIHPC");
    expect(preset?.kind).toBe("sites");
    if (preset?.kind === "sites") expect(sites.every((s) => preset.rule({ statusNote: s.status_note ?? null }))).toBe(true);
  });
});
