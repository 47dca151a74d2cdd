import { z } from "zod";
import { countryByIso2 } from "../geo/countries";
import { cellText, httpUrl, isoDateSchema, nonEmptyText, optionalText, quoted } from "./cells";
import { type ShockKind, shockKinds } from "./vocabulary";

const iso2List = cellText().transform((text, ctx) => {
  const codes = text.trim().split(/\s+/).filter(Boolean);
  if (codes.length === 0) ctx.addIssue({ code: "custom", message: "lists no country" });
  for (const code of codes) {
    if (!/^[A-Z]{2}$/.test(code) || !countryByIso2(code)) ctx.addIssue({ code: "custom", message: `${quoted(code)} is not an ISO 3166-1 alpha-2 code` });
  }
  if (new Set(codes).size !== codes.length) ctx.addIssue({ code: "custom", message: "lists a country twice" });
  return codes;
});

export const BlocCsvRowSchema = z.object({
  id: cellText().regex(/^[A-Z][A-Z0-9]{1,15}$/, "must be 2–16 capital letters or digits (e.g. EU, EAEU)"),
  name: nonEmptyText,
  description: nonEmptyText,
  membership_as_of: isoDateSchema,
  members: iso2List,
  source_url: httpUrl,
});

export type BlocRecord = { id: string; name: string; description: string; membershipAsOf: string; sourceUrl: string; members: string[] };

export const ShockCsvRowSchema = z
  .object({
    slug: cellText().regex(/^[a-z0-9-]{3,64}$/, "must be 3–64 lowercase letters, digits and dashes"),
    date: isoDateSchema,
    end_date: optionalText.pipe(isoDateSchema.nullable()),
    kind: z.enum(shockKinds),
    countries: iso2List,
    title: nonEmptyText,
    description: nonEmptyText,
    source_url: httpUrl,
  })
  .refine((r) => r.end_date === null || r.end_date >= r.date, { path: ["end_date"], error: "is before date" });

export type ShockEventRecord = {
  slug: string;
  date: string;
  endDate: string | null;
  kind: ShockKind;
  title: string;
  description: string;
  sourceUrl: string;
  countries: string[];
};
