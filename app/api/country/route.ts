import { requireSharesDataset } from "@/lib/api/datasets";
import { ApiError, handler, json, parseQuery } from "@/lib/api/respond";
import { prisma } from "@/lib/db/client";
import { listPowerPrices } from "@/lib/db/prices";
import { allBlocs } from "@/lib/db/reference";
import { countryHistory } from "@/lib/db/shares";
import { listSites } from "@/lib/db/sites";
import { CountryQuery } from "@/lib/validation/api";

export const dynamic = "force-dynamic";

/** Everything the country panel shows: history in a dataset, sites, prices, bloc memberships. */
export const GET = handler(async (request) => {
  const query = parseQuery(CountryQuery, request);
  const country = await prisma().country.findUnique({ where: { iso2: query.iso2 } });
  if (!country) throw new ApiError(404, `no country with ISO code ${query.iso2}`, "iso2");
  const dataset = await requireSharesDataset(query.dataset);
  const [history, sites, prices, blocs] = await Promise.all([
    countryHistory(dataset, country.iso2),
    listSites({ country: country.iso2 }),
    listPowerPrices({ country: country.iso2 }),
    allBlocs(),
  ]);
  return json({
    iso2: country.iso2,
    iso3: country.iso3,
    name: country.name,
    region: country.region,
    dataset: dataset.slug,
    history,
    sites,
    prices,
    blocs: blocs.filter((b) => b.members.includes(country.iso2)).map((b) => b.id),
  });
});
