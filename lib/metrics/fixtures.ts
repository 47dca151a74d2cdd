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

/** CBECI, May 2021 (China 43.98 %), percent. */
export const CBECI_2021_05: MetricDistribution = {
  countries: [
    { country: "CN", weight: 43.98 },
    { country: "US", weight: 17.77 },
    { country: "KZ", weight: 7.37 },
    { country: "RU", weight: 7.19 },
    { country: "CA", weight: 4.74 },
    { country: "IR", weight: 4.3 },
    { country: "MY", weight: 3.24 },
    { country: "DE", weight: 2.79 },
    { country: "IE", weight: 2.25 },
  ],
  unattributed: 6.36,
};
