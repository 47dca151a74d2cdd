import { describe, expect, it } from "vitest";
import { retargetSummary } from "./scenario-panel";

describe("scenario view", () => {
  it.each([
    [[], "none"],
    [[{ difficultyChange: -0.3 }], "1: -30.00%"],
    [[{ difficultyChange: -0.3 }, { difficultyChange: 0 }, { difficultyChange: 0.00001 }], "3: -30.00%, and 2 more within ±0.1 %"],
  ])("summarises retargets %j as %s", (retargets, text) => {
    expect(retargetSummary(retargets)).toBe(text);
  });
});
