import { z } from "zod";
import type { PriceRow } from "../metrics/prices";
import { type ShockKind, shockKinds } from "../validation/vocabulary";
import { prisma } from "./client";
import { memo } from "./data-version";

export type BlocRef = { id: string; name: string; description: string; membershipAsOf: string; members: string[] };

export function countryNames(): Promise<ReadonlyMap<string, string>> {
  return memo("country-names", async () => {
    const rows = await prisma().country.findMany({ select: { iso2: true, name: true } });
    return new Map(rows.map((r) => [r.iso2, r.name]));
  });
}

export type CountryRef = { iso2: string; iso3: string; name: string; region: string | null };

export async function findCountry(iso2: string): Promise<CountryRef | null> {
  return prisma().country.findUnique({ where: { iso2 }, select: { iso2: true, iso3: true, name: true, region: true } });
}

export function allPriceRows(): Promise<PriceRow[]> {
  return memo("price-rows", async () => {
    const rows = await prisma().powerPrice.findMany({ include: { dataset: { select: { slug: true } } }, orderBy: { id: "asc" } });
    return rows.map((r) => ({
      countryIso2: r.countryIso2,
      subdivision: r.subdivision,
      usdPerKwh: r.usdPerKwh,
      priceType: r.priceType,
      period: r.period,
      sourceUrl: r.sourceUrl,
      dataset: r.dataset.slug,
    }));
  });
}

export function allBlocs(): Promise<BlocRef[]> {
  return memo("blocs", async () => {
    const rows = await prisma().bloc.findMany({
      include: { members: { select: { countryIso2: true }, orderBy: { countryIso2: "asc" } } },
      orderBy: { id: "asc" },
    });
    return rows.map((b) => ({
      id: b.id,
      name: b.name,
      description: b.description,
      membershipAsOf: b.membershipAsOf,
      members: b.members.map((m) => m.countryIso2),
    }));
  });
}

export type ShockEventRef = {
  slug: string;
  date: string;
  endDate: string | null;
  kind: ShockKind;
  title: string;
  description: string;
  sourceUrl: string;
  countries: string[];
};

const ShockKindSchema = z.enum(shockKinds);

export function allShockEvents(): Promise<ShockEventRef[]> {
  return memo("shock-events", async () => {
    const rows = await prisma().shockEvent.findMany({ include: { countries: { select: { countryIso2: true } } }, orderBy: [{ date: "asc" }, { slug: "asc" }] });
    return rows.map((e) => ({
      slug: e.slug,
      date: e.date,
      endDate: e.endDate,
      kind: ShockKindSchema.parse(e.kind),
      title: e.title,
      description: e.description,
      sourceUrl: e.sourceUrl,
      countries: e.countries.map((c) => c.countryIso2).sort(),
    }));
  });
}
