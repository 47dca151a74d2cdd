import type { PriceType } from "../validation/vocabulary";
import { COUNTRY_SITES_SHOWN } from "../validation/sites-limits";
import { listPowerPrices as readPowerPrices, type PowerPrice } from "../db/prices";
import { type RetargetRef, retargetsBetween as readRetargets } from "../db/network";
import { allBlocs, allShockEvents, findCountry, type ShockEventRef } from "../db/reference";
import { sitesPage, totalSites } from "../db/sites";
import { countryHistory } from "./distribution";
import { NotFound } from "./errors";

// The reference data the API lists (power prices, shock events) and the country panel; the sites
// have their own module (sites.ts).

export function listPowerPrices(filter: { country?: string; priceType?: PriceType } = {}): Promise<PowerPrice[]> {
  return readPowerPrices(filter);
}

/** The documented shock events, or those that touched one country. */
export async function shockEvents(country?: string): Promise<ShockEventRef[]> {
  const events = await allShockEvents();
  return country ? events.filter((e) => e.countries.includes(country)) : events;
}

/** Bitcoin's recorded retargets with dates in [from, to] (YYYY-MM-DD), to set a simulation beside what happened. */
export function retargetsBetween(from: string, to: string): Promise<RetargetRef[]> {
  return readRetargets(from, to);
}

/**
 * Everything the country panel shows: history in a shares dataset, prices, bloc memberships, and its
 * sites by name — the first COUNTRY_SITES_SHOWN of them and how many there are (a country may hold an
 * imported hundred thousand; /api/sites?country= pages through them all).
 */
export async function countryDetails(iso2: string, dataset: string) {
  const country = await findCountry(iso2);
  if (!country) throw new NotFound(`no country with ISO code ${iso2}`, "iso2");
  const [{ dataset: slug, history }, countrySites, sitesTotal, prices, blocs] = await Promise.all([
    countryHistory(dataset, country.iso2),
    sitesPage({ country: country.iso2 }, { limit: COUNTRY_SITES_SHOWN }),
    totalSites({ country: country.iso2 }),
    readPowerPrices({ country: country.iso2 }),
    allBlocs(),
  ]);
  return {
    iso2: country.iso2,
    iso3: country.iso3,
    name: country.name,
    region: country.region,
    dataset: slug,
    history,
    sites: countrySites.sites,
    sitesTotal,
    prices,
    blocs: blocs.filter((b) => b.members.includes(country.iso2)).map((b) => b.id),
  };
}
