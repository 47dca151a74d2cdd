import fs from "node:fs";
import type { DatasetContent } from "../db/bulk";
import { commitDatasets } from "../db/import";
import type { DatabaseLocation } from "../db/location";
import { type KnownRetarget, readNetworkHoldings } from "../db/sync";
import { fetchBitcoind, type RpcEndpoint } from "../sync/bitcoind";
import {
  DerivationError,
  type MonthFigures,
  monthStart,
  monthsFromDailyHashrate,
  monthsFromHeaders,
  nextPeriod,
  type RetargetFigures,
  retargetFigures,
  SECONDS_PER_DAY,
  withAdjustments,
} from "../sync/derive";
import { SourceError } from "../sync/http";
import { fetchMempool } from "../sync/mempool";
import { networkStatRecords, retargetRecords, type RowProvenance } from "../sync/records";
import { type DatasetMeta, DatasetMetaSchema } from "../validation/datasets";
import type { NetworkStatRecord, RetargetRecord } from "../validation/network";
import { NotFound } from "./errors";
import { domainErrorOf } from "./import";

// `npm run sync`: read network figures from a mempool instance or a Bitcoin Core node, keep what the
// database does not hold yet, and add it to the synced datasets in one transaction
// (docs/methodology.md#syncing-network-data). A source that fails or answers something unusable
// throws SourceError and nothing is written; with nothing new, nothing is written either.

export const SYNCED_NETWORK = "synced-network";
export const SYNCED_RETARGETS = "synced-retargets";
/**
 * Sync starts where the seed does: its first month and first retarget (December 2018). Earlier months
 * have no shares data to pair with, and the block subsidy rule (lib/metrics/subsidy.ts) starts in 2016.
 */
export const FIRST_SYNCED_PERIOD = "2019-01";
export const FIRST_RETARGET_HEIGHT = 554_400;
/**
 * The retarget read again before the first missing month is chosen a day early: the seed's dates
 * after 2025-01-12 are reconstructed (± a few hours), and the epoch in force must truly start before it.
 */
const ANCHOR_MARGIN_S = SECONDS_PER_DAY;
/** How far before the first missing month a mempool answer must reach when no retarget is known to precede it. */
const RETARGET_LOOKBACK_S = 31 * SECONDS_PER_DAY;

export type SyncSource = { kind: "mempool"; baseUrl: string } | { kind: "bitcoind"; endpoint: RpcEndpoint };
export type SyncRequest = { source: SyncSource; database: DatabaseLocation; timeoutMs: number; now?: Date };
export type SyncOutcome = {
  /** The source as shown (a node's URL without its password). */
  source: string;
  monthsAdded: string[];
  retargetsAdded: number[];
  /** Synced retargets whose open epoch the new data closed (its mean hashrate and length filled in). */
  epochsClosed: number[];
  /** The newest month of network data in the database after the sync. */
  newestMonth: string | null;
  /** Datasets written; empty when there was nothing new. */
  written: string[];
};

type Derived = { months: MonthFigures[]; retargets: RetargetFigures[]; shownUrl: string; label: string; provenance: Provenance };
type Provenance = Pick<DatasetMeta, "publisher" | "method" | "caveats"> & { monthMethod: string };
const rowProvenance = (d: Derived): RowProvenance => ({ shownUrl: d.shownUrl, label: d.label, monthMethod: d.provenance.monthMethod });

const timeOf = (r: KnownRetarget) => Date.parse(`${r.dateUtc.replace(" ", "T")}Z`) / 1000;

function provenance(kind: SyncSource["kind"], label: string): Provenance {
  if (kind === "mempool") {
    return {
      publisher: "HashAtlas sync from a mempool instance",
      method:
        "A month's hashrate is the mean of the mempool backend's daily network hashrate points (avgHashrate, H/s) that fall in it (UTC), ÷ 10^18; " +
        "difficulty is the time-weighted mean of the difficulty in force; retargets, their change (adjustment − 1) and epoch figures from the difficulty-adjustments list. " +
        "Only complete months are kept; the block subsidy is the day-weighted protocol subsidy.",
      caveats: "The daily points are the backend's own estimates (the work implied by each day's blocks), not observations.",
      monthMethod: `mean of the month's daily avgHashrate points (${label}); difficulty = time-weighted mean`,
    };
  }
  return {
    publisher: "HashAtlas sync from a Bitcoin Core node",
    method:
      "Expected work per retarget epoch (2016 · D · 2^32 hashes; the open epoch up to the tip), spread uniformly over the epoch and summed by month; " +
      "difficulty is the time-weighted mean; retargets, their change and epoch figures from the headers at retarget heights. " +
      "Only complete months are kept; the block subsidy is the day-weighted protocol subsidy.",
    caveats: "Inferred from difficulty and block times (expected work), not an observation; block times may be off by up to two hours.",
    monthMethod: `work-weighted epoch average (2016*D*2^32 per epoch, uniform within epoch; ${label}); difficulty = time-weighted mean`,
  };
}

async function derive(request: SyncRequest, firstMissing: string | null, anchor: KnownRetarget | null): Promise<Derived> {
  const now = request.now ?? new Date();
  const { source, timeoutMs } = request;
  const shownUrl = source.kind === "mempool" ? source.baseUrl : source.endpoint.shownUrl;
  const label = source.kind === "mempool" ? `mempool API at ${shownUrl}` : `Bitcoin Core RPC at ${shownUrl}`;
  try {
    if (source.kind === "mempool") {
      const start = firstMissing === null ? null : monthStart(firstMissing);
      const since = start === null ? null : Math.min(start, anchor ? timeOf(anchor) : start - RETARGET_LOOKBACK_S);
      const data = await fetchMempool(source.baseUrl, since, now, timeoutMs);
      return {
        months: monthsFromDailyHashrate(data.points, data.retargets),
        retargets: retargetFigures(data.retargets),
        shownUrl,
        label,
        provenance: provenance("mempool", label),
      };
    }
    const data = await fetchBitcoind(source.endpoint, anchor?.height ?? FIRST_RETARGET_HEIGHT, timeoutMs);
    return {
      months: data.retargets.length ? monthsFromHeaders(data.retargets, data.tip) : [],
      retargets: retargetFigures(withAdjustments(data.retargets)),
      shownUrl,
      label,
      provenance: provenance("bitcoind", label),
    };
  } catch (error) {
    if (error instanceof DerivationError) throw new SourceError(shownUrl, `cannot derive network figures: ${error.message}`);
    throw error;
  }
}

function meta(kind: "network" | "retargets", derived: Derived, retrievedAt: string): DatasetMeta {
  return DatasetMetaSchema.parse({
    slug: kind === "network" ? SYNCED_NETWORK : SYNCED_RETARGETS,
    kind,
    title: kind === "network" ? "Bitcoin network hashrate and difficulty by month, synced" : "Difficulty retargets, synced",
    publisher: derived.provenance.publisher,
    url: derived.shownUrl,
    licence: "Bitcoin consensus data (public)",
    retrievedAt,
    method: derived.provenance.method,
    caveats: derived.provenance.caveats,
  });
}

async function readHoldings(database: DatabaseLocation) {
  try {
    return await readNetworkHoldings(database, { network: SYNCED_NETWORK, retargets: SYNCED_RETARGETS });
  } catch (error) {
    throw domainErrorOf(error, "database", "database");
  }
}

async function write(database: DatabaseLocation, contents: DatasetContent[]): Promise<string[]> {
  try {
    return (await commitDatasets(database, contents)).report?.written.map((w) => w.slug) ?? [];
  } catch (error) {
    throw domainErrorOf(error, "database", "database");
  }
}

export async function syncNetwork(request: SyncRequest): Promise<SyncOutcome> {
  const { database } = request;
  if (database.provider === "sqlite" && !fs.existsSync(database.path))
    throw new NotFound(`database ${database.path} does not exist (npm start or npm run db:seed creates it)`, "database");
  const held = await readHoldings(database);
  const newestKnown = [...held.periods].sort().pop() ?? null;
  const firstMissing = newestKnown === null ? null : nextPeriod(newestKnown);
  // The epoch in force when the first missing month starts must be read again to spread its work.
  const anchor = firstMissing === null ? null : (held.retargets.filter((r) => timeOf(r) <= monthStart(firstMissing) - ANCHOR_MARGIN_S).pop() ?? null);

  const derived = await derive(request, firstMissing, anchor);
  const knownHeights = new Set(held.retargets.map((r) => r.height));
  const newMonths = derived.months.filter((m) => m.period >= FIRST_SYNCED_PERIOD && !held.periods.has(m.period));
  const newRetargets = derived.retargets.filter((r) => r.height >= FIRST_RETARGET_HEIGHT && !knownHeights.has(r.height));
  const closing = new Map(derived.retargets.filter((r) => r.epochDays !== null).map((r) => [r.height, r]));
  const closed = held.syncedRetargets.filter((r) => r.epochDays === null && closing.has(r.height));
  const outcome = { source: derived.shownUrl, monthsAdded: newMonths.map((m) => m.period), retargetsAdded: newRetargets.map((r) => r.height) };
  const newestMonth =
    [newestKnown, ...outcome.monthsAdded]
      .filter((p) => p !== null)
      .sort()
      .pop() ?? null;
  if (newMonths.length === 0 && newRetargets.length === 0 && closed.length === 0) return { ...outcome, epochsClosed: [], newestMonth, written: [] };

  const retrievedAt = (request.now ?? new Date()).toISOString().slice(0, 10);
  const contents: DatasetContent[] = [];
  if (newMonths.length) {
    const stats = networkStatRecords(newMonths, rowProvenance(derived));
    const networkStats: NetworkStatRecord[] = [...held.syncedStats, ...stats].sort((a, b) => a.period.localeCompare(b.period));
    contents.push({ meta: meta("network", derived, retrievedAt), origin: "import", networkStats });
  }
  if (newRetargets.length || closed.length) {
    const rows = [...newRetargets, ...closed.flatMap((r) => closing.get(r.height) ?? [])];
    const retargets = retargetRecords(rows, rowProvenance(derived));
    const fresh = new Map(retargets.map((r) => [r.height, r]));
    // A closed epoch keeps the row's own date and provenance; only its epoch figures are new.
    const kept: RetargetRecord[] = held.syncedRetargets.map((r) => {
      const update = fresh.get(r.height);
      return update ? { ...r, epochHashrateEh: update.epochHashrateEh, epochDays: update.epochDays } : r;
    });
    const added = retargets.filter((r) => !held.syncedRetargets.some((k) => k.height === r.height));
    contents.push({ meta: meta("retargets", derived, retrievedAt), origin: "import", retargets: [...kept, ...added].sort((a, b) => a.height - b.height) });
  }
  const written = await write(database, contents);
  return { ...outcome, epochsClosed: closed.map((r) => r.height), newestMonth, written };
}
