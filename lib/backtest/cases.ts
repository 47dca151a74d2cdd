import type { EventPair, Exclusion } from "./figures";
import type { ObservationMetric } from "../validation/vocabulary";

// The shocks the simulator is backtested on, and how each one's scenario is read from its sources
// (docs/methodology.md#backtests). A case states methods, never figures: every number comes from
// the seeded observations, network events, shock events, shares and retargets.

/** How the fraction of each affected country that went dark is read. */
export type FractionRule =
  /** All of it: a nationwide ban or blackout (why says which source says so). */
  | { method: "whole"; why: string }
  /** The share of the country's mining offline that a source reports (share_offline rows of the whole country). */
  | { method: "share-offline" }
  /** The relative drop of a pool whose hashers are in the country (pool_hashrate_change rows naming it). */
  | { method: "pool-proxy"; pool: string; why: string }
  /** Curtailed MW ÷ the country's mining power (curtailed_power rows). */
  | { method: "power" };

export type BacktestCase = {
  id: string;
  /** Where the observed fall is read: the observations of one event id, or network-events readings paired by hand. */
  figures: { observations: string } | { networkEvents: EventPair[] };
  /** The seeded shock event the case stands for, if any. */
  shockEvent?: string;
  /** The days the hashrate was off: the shock event's dates, or the date range of one observation. */
  window: { shockEvent: string } | { metric: ObservationMetric; sourceUrl: string; why: string };
  /** The hashrate did not come back (a ban): no return is simulated. */
  permanent?: true;
  fraction: FractionRule;
  /** Fall figures set aside, each with the reason its source gives. */
  exclude?: Exclusion[];
  leftOut: string[];
};

const FOUNDRY = {
  method: "pool-proxy",
  pool: "Foundry USA",
  why: "Foundry USA, the largest pool, serves mostly US miners, so its relative drop stands for the fraction of US hashrate that went dark",
} as const;

const SMOOTHED = "a smoothed (multi-day average) series, which flattens a trough of a day or two";

export const BACKTEST_CASES: readonly BacktestCase[] = [
  {
    id: "cn-2021-05",
    shockEvent: "china-ban-2021",
    figures: {
      networkEvents: [
        {
          before: { event: "CBECI monthly average", dateLabel: "2021-05 (monthly avg)" },
          trough: { event: "CBECI monthly average", dateLabel: "2021-07 (monthly avg)" },
        },
        { before: { event: "pre-ban peak (daily est.)" }, trough: { event: "trough (daily est.)" } },
      ],
    },
    window: { shockEvent: "china-ban-2021" },
    permanent: true,
    fraction: { method: "whole", why: "a nationwide ban: CBECI reads China at 0 % in July and August 2021" },
    leftOut: [
      "The ban rolled through the provinces over six weeks (Inner Mongolia and Xinjiang in May, Sichuan on 18–20 June); the simulator switches all of China off on 21 May.",
      "Some Chinese hashrate moved to Kazakhstan and North America within weeks, and covert mining came back (about 20 % of the network by September per CBECI): nothing returns in this scenario.",
      "The observed range mixes measurements: CBECI's monthly averages (May against July) and two daily estimates by different providers (a pre-ban peak and CCAF's trough), which block luck makes noisy.",
      "April's share is CBECI's pool geolocation; miners behind VPNs count where their exit node is.",
    ],
  },
  {
    id: "kz-2022-01",
    shockEvent: "kazakhstan-blackout-2022",
    figures: { observations: "kz-2022-01" },
    window: { shockEvent: "kazakhstan-blackout-2022" },
    fraction: { method: "whole", why: "a nationwide internet shutdown: the Kazakh miners' association said none of the farms could connect to the pools" },
    leftOut: [
      "Miners reconnected within about two days, which the scenario returns; the simulator knows nothing of the network's growth, so the real retargets sit above the simulated ones.",
      "Daily hashrate estimates are noisy (block luck): the sources' falls range from 12 to 14 %.",
      "December's share predates the January exodus and the crackdown on unregistered miners.",
    ],
  },
  {
    id: "us-2022-07",
    figures: { observations: "us-2022-07" },
    window: {
      metric: "network_hashrate_change",
      sourceUrl: "https://forkast.news/headlines/bitcoin-hashrate-low-five-months-texas-heat/",
      why: "the day of the fall BTC.com measured",
    },
    fraction: { method: "power" },
    leftOut: [
      "The 1 000 MW is an industry association's count of Texas mining load; turning it into hashrate assumes the 2024 fleet efficiency — the 2022 fleet used more power per hash, which would make the fraction smaller.",
      "Miners outside Texas also powered down on high power prices that month (Arcane Research), and the 27 % is a one-day estimate.",
      "Texas's own share of US hashrate is not in the seed, so the curtailed power stands in for it.",
    ],
  },
  {
    id: "us-2022-12",
    figures: { observations: "us-2022-12" },
    window: {
      metric: "curtailed_power",
      sourceUrl: "https://cryptoandcoin.news/bitcoin-miners-returned-enough-power-to-heat-1-5-million-homes-during-texas-blizzard",
      why: "the storm days of ERCOT's large-flexible-load analysis",
    },
    fraction: FOUNDRY,
    leftOut: [
      "Pool-level for network-level: the fraction is Foundry USA's own drop; US miners on other pools, and grids beyond ERCOT and in Canada, curtailed too.",
      "Miners came back within a day or two (about 250 EH/s again on 25 December); the scenario returns them after the storm.",
      "Daily estimates of the trough differ by provider (156–171 EH/s).",
    ],
  },
  {
    id: "us-2024-01",
    figures: { observations: "us-2024-01" },
    window: {
      metric: "network_hashrate_change",
      sourceUrl: "https://theminermag.com/news/2024-01-16/bitcoin-hashrate-drop-texas-miner-curtail-grid/",
      why: "the days of the fall TheMinerMag measured",
    },
    fraction: FOUNDRY,
    leftOut: [
      "Pool-level for network-level: Foundry USA's drop stands for all US hashrate, yet AntPool lost about 30 EH/s as well — curtailment reached miners on other pools.",
      "MinerMetrics' November 2023 shares put China and Russia in the unattributed rest (27 % together, split not published).",
      "Miners returned within days; the next retargets also carry the network's growth.",
    ],
  },
  {
    id: "cn-2025-12",
    shockEvent: "xinjiang-shutdowns-2025",
    figures: { observations: "cn-2025-12" },
    window: { shockEvent: "xinjiang-shutdowns-2025" },
    fraction: { method: "share-offline" },
    exclude: [
      {
        sourceUrl: "https://forklog.com/en/bitcoin-hashrate-drops-8-amid-rumors-of-mining-farm-raids-in-china/amp",
        metric: "network_hashrate_change",
        dateLabel: "2025-12-08..2025-12-15",
        why: "week-on-week: the source says it mixes the Xinjiang reports with US curtailment and a price fall",
      },
    ],
    leftOut: [
      "The 69 % offline is an upper-end derivation from a disputed claim (about 100 EH/s); TheMinerMag puts the net fall near 20 EH/s, about 14 % of China.",
      "US curtailment and a price fall hit the same days, and most rigs reportedly came back within days.",
      "China's share comes from a proprietary snapshot (Hashrate Index, October 2025) that names only three countries.",
    ],
  },
  {
    id: "us-2026-01",
    figures: { observations: "us-2026-01" },
    window: { metric: "network_hashrate_change", sourceUrl: "https://www.hotbookzone.com/news/605152", why: "the days of the 40 % fall CoinWarz measured" },
    fraction: FOUNDRY,
    exclude: [
      { sourceUrl: "https://bitcoinnews.com/p/fern-storm-bitcoin-hashrate-drops-miners-curtailment", metric: "network_hashrate_change", why: SMOOTHED },
      { sourceUrl: "http://store.tribalsensation.com/news_info.php?id=495", metric: "network_hashrate_change", why: SMOOTHED },
    ],
    leftOut: [
      "The cold cut hashrate beyond Texas (PJM and TVA regions, Canada); Foundry USA's drop stands for all US hashrate, while Luxor's pool fell 42 %.",
      "The February retargets also carry a fall in the bitcoin price (hashprice near $33/PH/day), which the simulator does not model.",
    ],
  },
  {
    id: "ir-2025-06",
    figures: { observations: "ir-2025-06" },
    window: {
      metric: "curtailed_power",
      sourceUrl: "https://en.abna24.com/news/1703593/Iran-blackout-drops-global-Bitcoin-mining-by-nearly-5",
      why: "the days of the blackout Tavanir reported",
    },
    fraction: { method: "whole", why: "a nationwide internet blackout: Tavanir reported about 900 000 machines cut off (2.4 GW)" },
    exclude: [
      {
        sourceUrl: "https://en.abna24.com/news/1703593/Iran-blackout-drops-global-Bitcoin-mining-by-nearly-5",
        metric: "network_hashrate_change",
        why: "an official claim (Iran's energy minister), not a measurement",
      },
    ],
    leftOut: ["A US heat wave cut hashrate in the same days (more than 6 % before the blackout began), and some Iranian rigs stayed online via Starlink."],
  },
];

/** Events the sources record that no case backtests, and why. */
export const NOT_BACKTESTED: Readonly<Record<string, string>> = {
  "sichuan-shutdown-2021": "Part of the 2021 China ban (backtested as cn-2021-05); Sichuan's share of China's hashrate is not in the seed.",
  "kz-2022-01b":
    "No trough: the one fall reported (225 → 178.59 EH/s) sets an all-time-high daily reading against one taken days later, across a +9.32 % retarget and a price fall; the source says it is not Kazakhstan's alone.",
  "us-2023-08":
    "No jurisdiction figure: the 95 % offline is one company's (Riot) curtailment, and no network-level fall was visible (the 22 August retarget was +6.17 %).",
  "us-2025-01": "Only a retarget (−2.1 %) is reported: no fall in hashrate and no share offline to build a scenario from.",
  "us-2025-06":
    "The cause is disputed between a US heat wave and Iran's blackout, and no source gives a fraction for the US part; Iran's part is backtested as ir-2025-06.",
  "ir-2021-05": "Only the licensed miners' power (209–300 MW of an estimated 2 000 MW) is reported, no network figure, and it overlaps the 2021 China ban.",
  "ir-2022-06": "A policy record: no measured figure.",
  "ir-2026-01": "No figure: the sources say global hashrate was unaffected.",
  "ru-2025-01": "No network figure: the 18–23 % is of Russia's mining power, and Russia's share of the network is disputed (4.7 % or 15.5 %).",
  "ru-2025-04": "A policy record (650 MW of large centres in southern Irkutsk): no measured effect on the network.",
  "ru-2026-01": "A policy record: no measured figure.",
  "ve-2024-05": "A policy record: no measured figure, and no estimate of Venezuela's hashrate.",
  "kw-2025-04": "A policy record: no measured figure (Kuwait held about 0.05 % of hashrate).",
};
