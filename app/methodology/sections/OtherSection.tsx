import { DomainError } from "@/lib/services/errors";
import { getSeries } from "@/lib/services/metrics";
import { bandOf } from "@/lib/metrics/concentration";
import type { SeriesRow } from "@/lib/metrics/report";
import { DEFAULT_SHARES_DATASET } from "@/lib/scenario/limits";
import { L, M, num, pct, TEN_K, titleOf, u } from "./notation";

export type OtherBracket = NonNullable<Awaited<ReturnType<typeof otherBracket>>>;

/** How the unattributed bucket moves HHI in the loaded CBECI series (null when it is not loaded). */
export async function otherBracket() {
  let rows: SeriesRow[];
  try {
    rows = (await getSeries(DEFAULT_SHARES_DATASET)).rows;
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
  if (rows.length === 0) return null;
  const byU = [...rows].sort((a, b) => a.unattributedShare - b.unattributedShare);
  const widest = [...rows].sort((a, b) => b.hhiUpper - b.hhi - (a.hhiUpper - a.hhi))[0];
  const straddling = rows.filter((r) => bandOf(r.hhi) !== bandOf(r.hhiUpper));
  const lowest = byU[0];
  const highest = byU.at(-1);
  if (!lowest || !highest || !widest) return null;
  return { months: rows.length, lowest, highest, widest, straddling };
}

export function OtherSection({ bracket }: { bracket: OtherBracket | null }) {
  return (
    <section id="other" aria-labelledby="other-h" className="panel">
      <h2 id="other-h">{titleOf("other")}</h2>
      <p>
        CBECI’s mining map names a handful of countries each month and puts the combined share of every country it does not list under <strong>“Other”</strong>.
        HashAtlas stores that row as the <strong>unattributed bucket</strong> (no country code), never as a country, for three reasons:
      </p>
      <ul>
        <li>
          It is many jurisdictions at once. Treating it as one would add {u}
          <sup>2</sup> to the HHI, could make it the “largest country” in <code>top1</code> or <code>nakamoto</code>, and would paint a meaningless country on
          the map.
        </li>
        <li>
          No government can switch it off, so a shutdown cannot include it: it always survives and renormalises to{" "}
          <M>
            {u} / (1 − {L})
          </M>
          .
        </li>
        <li>
          The same bucket holds what other sources leave unnamed (1 − the named shares), so estimates that name three countries and estimates that name ten are
          handled alike.
        </li>
      </ul>
      <p>
        Its effect on HHI is bracketed rather than guessed. <code>hhi</code> treats {u} as fully dispersed (infinitely many tiny jurisdictions, contributing 0);{" "}
        <code>hhiUpper</code> = hhi + {TEN_K} · {u}
        <sup>2</sup> treats it as one jurisdiction. However the unattributed mass is really split, the true HHI lies between the two. The other indices (
        <code>nakamoto</code>, <code>top1</code>, <code>top3</code>, <code>entropyBits</code>) ignore {u}; the band is read from <code>hhi</code>.
      </p>
      {bracket && (
        <p data-testid="other-bracket">
          In the {bracket.months} CBECI months loaded here, “Other” ranges from {pct(bracket.lowest.unattributedShare)} ({bracket.lowest.period}) to{" "}
          {pct(bracket.highest.unattributedShare)} ({bracket.highest.period}); the bracket is widest in {bracket.widest.period} (hhi {num(bracket.widest.hhi)},
          hhiUpper {num(bracket.widest.hhiUpper)}).{" "}
          {bracket.straddling.length === 0
            ? "In no month does it straddle a band boundary."
            : `It straddles a band boundary in ${bracket.straddling
                .map((r) => `${r.period} (${num(r.hhi)} ${bandOf(r.hhi)} vs ${num(r.hhiUpper)} ${bandOf(r.hhiUpper)})`)
                .join(", ")}.`}{" "}
          For sources that name only a few countries (the Hashrate Index snapshots) {u} is large and <code>hhi</code> is a lower bound only.
        </p>
      )}
    </section>
  );
}
