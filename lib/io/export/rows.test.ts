import { describe, expect, it } from "vitest";
import { scenarioRows } from "./rows";

describe("scenarioRows", () => {
  it("interleaves retargets with the days in time order, each retarget on its own row", () => {
    const day = (d: number, difficulty: number) => ({ day: d, hashrateEh: 50, blockIntervalMinutes: 10 * difficulty * 2, difficulty, blocksMined: 72 });
    const rows = scenarioRows({
      period: "2021-05",
      timeline: [day(0, 1), day(1, 1), day(2, 0.25 * 0.5)],
      retargets: [
        { day: 1.2, blocksFromStart: 100, difficultyChange: -0.75 },
        { day: 2, blocksFromStart: 2116, difficultyChange: -0.5 },
      ],
    });
    expect(rows.map((r) => [r.event, r.day, r.date])).toEqual([
      ["day", 0, "2021-05-01"],
      ["day", 1, "2021-05-02"],
      ["retarget", 1.2, "2021-05-02"],
      ["retarget", 2, "2021-05-03"],
      ["day", 2, "2021-05-03"],
    ]);
    expect(rows[2]).toMatchObject({ difficulty_relative: 0.25, difficulty_change: -0.75, blocks_from_start: 100, hashrate_eh: null });
    expect(rows[3]?.difficulty_relative).toBe(0.125);
  });
});
