import type pg from "pg";
import { BEST_ESTIMATE_DATASET } from "../../metrics/best-estimate";
import { contentHash, type DatasetContent, rowCount, type WriteInput, type WriteReport } from "../bulk";
import { BLOC, BLOC_MEMBER, COUNTRY, DATASET, FACT_TABLES, REGION, SHOCK_EVENT, SHOCK_EVENT_COUNTRY } from "../row-tables";
import { rebuildBestEstimatePostgres } from "./best-estimate";
import { copyRows } from "./copy";
import { CountRow, DatasetHashRow, IdRow, parseOne, parseRows, ShockIdRow } from "./rows";
import { rebuildSiteCellsPostgres } from "./site-cells";
import { POSTGRES_SHARED, POSTGRES_WRITES, unnestParameters } from "./sql";

// lib/db/bulk.ts's writeDatasets on PostgreSQL, with the same guarantees: run inside inWriteTransaction
// (lib/db/postgres/connect.ts: one transaction, the write lock first), a dataset whose content hash is
// unchanged left alone, a changed one replaced whole (deleting the Dataset row deletes its rows: every
// table's foreign key to it is ON DELETE CASCADE), the site cells and the best estimate rebuilt before
// the commit. A table's rows go in by one binary COPY (lib/db/postgres/copy.ts), not one statement each.

async function insertDataset(client: pg.ClientBase, content: DatasetContent, hash: string, importedAt: string): Promise<number> {
  const row = { ...content.meta, origin: content.origin, contentHash: hash, importedAt };
  return parseOne(IdRow, (await client.query(POSTGRES_WRITES.insertDataset, unnestParameters(DATASET, [row]))).rows).id;
}

async function insertBlocsAndShocks(client: pg.ClientBase, content: DatasetContent, datasetId: number): Promise<void> {
  const blocs = content.blocs ?? [];
  if (blocs.length) {
    await copyRows(
      client,
      BLOC,
      blocs.map(({ members: _members, ...bloc }) => bloc),
      datasetId,
    );
    await copyRows(
      client,
      BLOC_MEMBER,
      blocs.flatMap((bloc) => bloc.members.map((countryIso2) => ({ blocId: bloc.id, countryIso2 }))),
    );
  }
  const shocks = content.shocks ?? [];
  if (shocks.length) {
    const inserted = await client.query(
      POSTGRES_WRITES.shockEvent,
      unnestParameters(
        SHOCK_EVENT,
        shocks.map(({ countries: _countries, ...shock }) => shock),
        datasetId,
      ),
    );
    // By slug (unique), not by the order RETURNING happens to give.
    const idOf = new Map(parseRows(ShockIdRow, inserted.rows).map((row) => [row.slug, row.id]));
    const countries = shocks.flatMap((shock) => shock.countries.map((countryIso2) => ({ shockEventId: idOf.get(shock.slug) ?? -1, countryIso2 })));
    await copyRows(client, SHOCK_EVENT_COUNTRY, countries);
  }
}

/** Write countries and datasets; call inside inWriteTransaction. The report is the one SQLite's write gives. */
export async function writeDatasetsPostgres(
  client: pg.ClientBase,
  input: WriteInput,
  now: () => string = () => new Date().toISOString(),
): Promise<WriteReport> {
  const countries = input.countries ?? [];
  const upserted = countries.length ? await client.query(POSTGRES_WRITES.upsertCountry, unnestParameters(COUNTRY, countries)) : null;
  const regions = input.regions ?? [];
  // A few thousand rows: one statement, as the countries.
  const regionsChanged = regions.length ? ((await client.query(POSTGRES_WRITES.upsertRegion, unnestParameters(REGION, regions))).rowCount ?? 0) : 0;
  const report: WriteReport = { countriesChanged: upserted?.rowCount ?? 0, regionsChanged, written: [], unchanged: [] };
  for (const content of input.datasets) {
    const hash = contentHash(content);
    const [existing] = parseRows(DatasetHashRow, (await client.query(POSTGRES_SHARED.findDataset, [content.meta.slug])).rows);
    if (existing?.contentHash === hash) {
      report.unchanged.push(content.meta.slug);
      continue;
    }
    if (existing) await client.query(POSTGRES_SHARED.deleteDataset, [existing.id]);
    const datasetId = await insertDataset(client, content, hash, now());
    await copyRows(client, FACT_TABLES.shares, content.shares, datasetId);
    await copyRows(client, FACT_TABLES.networkStats, content.networkStats, datasetId);
    await copyRows(client, FACT_TABLES.retargets, content.retargets, datasetId);
    await copyRows(client, FACT_TABLES.prices, content.prices, datasetId);
    await copyRows(client, FACT_TABLES.sites, content.sites, datasetId);
    if (content.sites) await rebuildSiteCellsPostgres(client, datasetId, content.sites);
    await copyRows(client, FACT_TABLES.events, content.events, datasetId);
    await copyRows(client, FACT_TABLES.observations, content.observations, datasetId);
    await copyRows(client, FACT_TABLES.regionalShares, content.regionalShares, datasetId);
    await insertBlocsAndShocks(client, content, datasetId);
    report.written.push({ slug: content.meta.slug, rows: rowCount(content) });
  }
  // After every write, so that the composite always reflects the shares datasets it is built from.
  if ((await rebuildBestEstimatePostgres(client, now())) === "written") {
    const { n } = parseOne(CountRow, (await client.query(POSTGRES_SHARED.countShares, [BEST_ESTIMATE_DATASET])).rows);
    report.written.push({ slug: BEST_ESTIMATE_DATASET, rows: n });
  } else report.unchanged.push(BEST_ESTIMATE_DATASET);
  return report;
}
