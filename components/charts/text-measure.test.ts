import { describe, expect, it } from "vitest";
import { ellipsize } from "./text-measure";

const measure = (text: string) => text.length * 10;

describe("ellipsize", () => {
  it.each([
    ["fits", "HHI", 30, "HHI"],
    ["cut to fit", "Nakamoto coefficient", 60, "Nakam…"],
    ["no trailing space before the ellipsis", "HHI and Nakamoto", 50, "HHI…"],
    ["at least one character survives", "Nakamoto", 5, "N…"],
    ["nothing to fit into: unchanged", "HHI", 0, "HHI"],
  ])("%s", (_what, text, maxPx, expected) => {
    expect(ellipsize(text, maxPx, "12px sans-serif", measure)).toBe(expected);
  });
});
