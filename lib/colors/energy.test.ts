import { describe, expect, it } from "vitest";
import { energyCategory } from "./energy";

describe("energyCategory", () => {
  it.each([
    ["hydro (Itaipu/ANDE)", "hydro"],
    ["ERCOT grid", "grid"],
    ["natural gas (on-site plant)", "gas"],
    ["flare gas (on-site generators)", "gas"],
    ["wind (co-located) + ERCOT grid", "wind & solar"],
    ["nuclear (behind-the-meter, Susquehanna)", "nuclear"],
    ["geothermal/hydro (Icelandic grid)", "geothermal"],
    ["hydro/geothermal (EEP, $0.049/kWh)", "hydro"],
    ["coal refuse (on-site CFB plant)", "coal"],
    [null, "grid"],
  ])("%s is %s", (source, category) => {
    expect(energyCategory(source)).toBe(category);
  });
});
