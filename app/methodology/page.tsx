import type { Metadata } from "next";
import { BEST_ESTIMATE_DATASET } from "@/lib/metrics/best-estimate";
import { listDatasets } from "@/lib/services/datasets";
import { sharesPeriods } from "@/lib/services/distribution";
import styles from "./methodology.module.css";
import { BacktestsSection } from "./sections/BacktestsSection";
import { BestEstimateSection } from "./sections/BestEstimateSection";
import { CaveatsSection } from "./sections/CaveatsSection";
import { DefinitionsSection } from "./sections/DefinitionsSection";
import { EnergySection } from "./sections/EnergySection";
import { HistoricalValidationSection } from "./sections/HistoricalValidationSection";
import { JurisdictionRiskSection } from "./sections/JurisdictionRiskSection";
import { NetworkSection } from "./sections/NetworkSection";
import { SECTIONS, TEN_K } from "./sections/notation";
import { otherBracket, OtherSection } from "./sections/OtherSection";
import { ShutdownModelSection } from "./sections/ShutdownModelSection";
import { SourcesSection } from "./sections/SourcesSection";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Methodology — HashAtlas" };

// One section a file (sections/); the definitions they state are docs/methodology.md's.

export default async function MethodologyPage() {
  const [datasets, bracket, best] = await Promise.all([listDatasets(), otherBracket(), sharesPeriods(BEST_ESTIMATE_DATASET).catch(() => null)]);

  return (
    <article className={styles.page}>
      <h1>Methodology</h1>
      <p className="lede">
        How HashAtlas turns published hashrate estimates into concentration indices, shutdown scenarios and an energy cost per bitcoin: every definition as the
        code computes it, where each number comes from, and what it cannot tell you.
      </p>
      <p className={styles.cite}>
        To cite: “HashAtlas, <em>Methodology</em>, section <em>name</em>”, with the slug of the dataset you used (e.g. <code>best-estimate</code>, and the
        source its month names) and the original source and retrieval date listed under <a href="#sources">Data sources</a>. The <a href="/api-docs">API</a> and
        its exports use these same definitions. Shares are fractions 0–1 (shown as percentages here); HHI is on the 0–{TEN_K} scale.
      </p>
      <p className={styles.cite}>
        The written definition this page follows is <code>docs/methodology.md</code> in the HashAtlas repository: the code, this page and the exports state the
        same definitions, and the figures here are computed live by the functions the API uses.
      </p>

      <nav className={`panel ${styles.toc}`} aria-labelledby="toc-heading">
        <h2 id="toc-heading">On this page</h2>
        <ol>
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`}>{s.title}</a>
            </li>
          ))}
        </ol>
      </nav>

      <DefinitionsSection />
      <ShutdownModelSection />
      <JurisdictionRiskSection />
      <HistoricalValidationSection />
      <BacktestsSection />
      <EnergySection />
      <NetworkSection />
      <OtherSection bracket={bracket} />
      <BestEstimateSection sources={best?.sources ?? []} datasets={datasets} />
      <SourcesSection datasets={datasets} />
      <CaveatsSection />
    </article>
  );
}
