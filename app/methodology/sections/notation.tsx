// Shared by the methodology page's sections: SI number formatting, math typography, and facts
// computed with the functions the API uses.
import type { ReactNode } from "react";
import { costPerBtcUsd, DEFAULT_EFFICIENCY_J_PER_TH, kwhPerBtc } from "@/lib/metrics/energy";
import { MAX_RETARGET_FACTOR, retargetAfterLoss } from "@/lib/metrics/shock";
import { blockSubsidyForPeriod } from "@/lib/metrics/subsidy";
import styles from "../methodology.module.css";
// ---------------------------------------------------------------------------------------------
// Number formatting: SI style, a narrow no-break space between groups of three digits.

export const NNBSP = "\u202F";
export function num(n: number, digits = 0): string {
  // "min2": group only from five digits on (10 000, but 2016 and 1800 stay whole), as SI style does.
  return new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: "min2" }).format(n).replace(/,/g, NNBSP);
}
export function pct(fraction: number, digits = 2): string {
  return `${num(fraction * 100, digits)}${NNBSP}%`;
}
export function signedPct(fraction: number, digits = 2): string {
  return `${fraction < 0 ? "−" : "+"}${pct(Math.abs(fraction), digits)}`;
}
export const TEN_K = num(10_000);

// ---------------------------------------------------------------------------------------------
// Math typography in plain HTML: <var> for variables, <sub>/<sup> for indices and powers.

export const s_c = (
  <>
    <var>s</var>
    <sub>
      <var>c</var>
    </sub>
  </>
);
export const s2_c = (
  <>
    <var>s</var>
    <sub>
      <var>c</var>
    </sub>
    <sup>2</sup>
  </>
);
export const sp_c = (
  <>
    <var>s</var>′
    <sub>
      <var>c</var>
    </sub>
  </>
);
export const f_c = (
  <>
    <var>f</var>
    <sub>
      <var>c</var>
    </sub>
  </>
);
export const w_c = (
  <>
    <var>w</var>
    <sub>
      <var>c</var>
    </sub>
  </>
);
export const u = <var>u</var>;
export const L = <var>L</var>;
export const b = <var>b</var>;
export const A = <var>A</var>;
export const H = <var>H</var>;
export const eps = <var>ε</var>;
export const sumC = (
  <>
    Σ
    <sub>
      <var>c</var>
    </sub>
  </>
);
export const sumS = (
  <>
    Σ
    <sub>
      <var>c</var>∈<var>S</var>
    </sub>
  </>
);

export function M({ children }: { children: ReactNode }) {
  return <span className={styles.math}>{children}</span>;
}
export function Formula({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <span className={styles.formula} role="math" data-testid={testId}>
      {children}
    </span>
  );
}

// ---------------------------------------------------------------------------------------------
// Facts computed with the very functions the API uses, so the page cannot drift from the code.

export const CLAMP_LOW = `1/${MAX_RETARGET_FACTOR}`;
export const kazakhstan = { share: 0.1322, ...retargetAfterLoss(0.1322, 0) };
export const example = { eh: 1000, jPerTh: 20, usdPerKwh: 0.09, subsidy: 3.125 };
export const exampleKwh = kwhPerBtc(example.eh, example.jPerTh, example.subsidy);
export const exampleCost = costPerBtcUsd(exampleKwh, example.usdPerKwh);
export const defaultKwhAt1000 = kwhPerBtc(1000, DEFAULT_EFFICIENCY_J_PER_TH, 3.125);
export const halvingMay2020 = blockSubsidyForPeriod("2020-05");
export const halvingApr2024 = blockSubsidyForPeriod("2024-04");

export const SECTIONS = [
  { id: "definitions", title: "Metric definitions" },
  { id: "shutdown-model", title: "Shutdown (shock) model" },
  { id: "jurisdiction-risk", title: "Jurisdiction risk: probable shutdowns" },
  { id: "historical-validation", title: "Historical validation: the 2021 China ban" },
  { id: "backtests", title: "Backtests: the simulator against real shocks" },
  { id: "energy", title: "Energy cost of one bitcoin" },
  { id: "network", title: "Network hashrate and difficulty" },
  { id: "other", title: "The unattributed bucket (CBECI “Other”)" },
  { id: "best-estimate", title: "The best estimate: one source per month" },
  { id: "sources", title: "Data sources" },
  { id: "caveats", title: "Known caveats" },
] as const;

type SectionId = (typeof SECTIONS)[number]["id"];
export function titleOf(id: SectionId): string {
  return SECTIONS.find((s) => s.id === id)?.title ?? id;
}
