import type { MetricDistribution } from "./concentration";

// Real months from the seed, for hand-checked tests.

/** CBECI, September 2019, as shares in percent (Other = unattributed). */
export const CBECI_2019_09: MetricDistribution = {
  countries: [
    { country: "CN", weight: 75.53 },
    { country: "RU", weight: 5.93 },
    { country: "US", weight: 4.06 },
    { country: "MY", weight: 3.25 },
    { country: "IR", weight: 1.74 },
    { country: "KZ", weight: 1.42 },
    { country: "CA", weight: 1.06 },
    { country: "DE", weight: 0.9 },
    { country: "IE", weight: 0 },
  ],
  unattributed: 6.1,
};
