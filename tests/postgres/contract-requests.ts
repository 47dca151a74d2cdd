// The requests the API contract test (api-contract.test.ts) sends to a SQLite and a PostgreSQL server on
// the same seed: every route, with the parameters whose reads differ most between the engines — text
// order, NULLs, counts, float sums of the sites' cells and groups, the months of a shares dataset, the
// network merge, paging by cursor, a box across the antimeridian — and answers that are errors.

/** GET requests: path and query, as a client sends them. */
export const CONTRACT_GETS: readonly string[] = [
  "/api/version",
  "/api/datasets",
  "/api/datasets?kind=shares",
  "/api/datasets?kind=sites",
  "/api/periods",
  "/api/periods?dataset=cbeci-monthly",
  "/api/distribution",
  "/api/distribution?period=2021-05&dataset=cbeci-monthly",
  "/api/distribution?period=2022-01&network=latest",
  "/api/metrics",
  "/api/metrics?period=2022-01&dataset=cbeci-monthly&efficiency=20",
  "/api/metrics?basis=sites",
  "/api/metrics?basis=sites&network=latest&efficiency=30",
  "/api/metrics/series",
  "/api/metrics/series?dataset=hashrate-index-2025",
  "/api/shocks",
  "/api/shocks?period=2021-05&dataset=cbeci-monthly&blocksIntoEpoch=1000",
  "/api/country?iso2=US",
  "/api/country?iso2=cn&dataset=cbeci-monthly",
  "/api/regions?country=US",
  "/api/regions?country=cn",
  "/api/regions?country=US&basis=published&period=2021-12",
  "/api/regions?country=RU&period=2025-05&basis=published",
  "/api/shock-events",
  "/api/shock-events?country=CN",
  "/api/network",
  "/api/network?from=2021-05&to=2021-08",
  "/api/backtests",
  "/api/sites",
  "/api/sites?country=US&limit=5",
  "/api/sites?status=operating&limit=10",
  "/api/sites?bbox=-130,20,-60,55&limit=20",
  "/api/sites?bbox=170,-50,-170,70&limit=20",
  "/api/sites/clusters?bbox=-180,-85,180,85&zoom=1",
  "/api/sites/clusters?bbox=-130,20,-60,55&zoom=4",
  "/api/sites/clusters?bbox=-180,-85,180,85&zoom=3&dataset=mining-sites",
  "/api/sites/clusters?bbox=85,40,95,50&zoom=9",
  "/api/sites/clusters?bbox=-100,30,-95,35&zoom=12",
  "/api/power-prices",
  "/api/power-prices?country=US&priceType=industrial",
  "/api/export?what=sites",
  "/api/export?what=distribution&period=all",
  "/api/export?what=metrics&period=all&network=latest",
  "/api/export?what=network",
  "/api/simulate?period=2021-05&shutdown=CN,KZ:0.5",
  "/api/simulate?period=2022-01&dataset=cbeci-monthly&shutdown=eaeu,US:0.3&bie=1150&migrate=1,30,0,cheap-power&horizon=365&efficiency=20",
  "/api/risk?period=2022-01&risk=CN:0.3,KZ:0.2:0.5,EAEU:0.05",
  // Errors: a dataset and a month that are not there (404), a bad parameter (400), a country without regional
  // data (404) and a basis a country lacks (422).
  "/api/periods?dataset=no-such-dataset",
  "/api/distribution?period=1999-01",
  "/api/metrics?efficiency=abc",
  "/api/regions?country=BR",
  "/api/regions?country=CN&basis=sites",
];

/** POST requests with their JSON bodies. */
export const CONTRACT_POSTS: readonly { path: string; body: unknown }[] = [
  { path: "/api/simulate", body: { period: "2021-05", shutdown: ["CN", { id: "KZ", fraction: 0.5 }] } },
  {
    path: "/api/risk",
    body: {
      period: "2022-01",
      events: [
        { id: "CN", probability: 0.3 },
        { id: "KZ", probability: 0.2, fraction: 0.5 },
      ],
      horizonDays: 180,
      seed: 7,
      draws: 2000,
    },
  },
];
