import type { Metadata } from "next";
import { ImportForm } from "@/components/data/ImportForm";
import { listDatasets } from "@/lib/services/datasets";

export const metadata: Metadata = { title: "Data — HashAtlas" };
export const dynamic = "force-dynamic";

/** Every dataset with its provenance, and the form to import more. */
export default async function DataPage() {
  const datasets = await listDatasets();
  return (
    <article className="prose wide">
      <h1>Data</h1>
      <p className="lede">
        Every number in HashAtlas comes from one of these datasets. Imported datasets appear here, in the dataset selector of the map
        and in every export.
      </p>
      <section className="panel">
        <h2>Datasets</h2>
        <table className="data" data-testid="dataset-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Title and publisher</th>
              <th scope="col">Licence</th>
              <th scope="col">Retrieved</th>
              <th scope="col">Origin</th>
              <th scope="col">Covers</th>
              <th scope="col">Newest period</th>
              <th scope="col" className="num">Rows</th>
            </tr>
          </thead>
          <tbody>
            {datasets.map((d) => (
              <tr key={d.slug} data-slug={d.slug}>
                <td>
                  <code>{d.slug}</code>
                </td>
                <td>{d.kind}</td>
                <td>
                  {d.title} — <a href={d.url}>{d.publisher}</a>
                </td>
                <td>{d.licence}</td>
                <td>{d.retrievedAt}</td>
                <td>{d.origin}</td>
                <td data-field="coverage">{d.kind === "shares" ? (d.coverage === "partial" ? "a sample" : "the whole network") : "—"}</td>
                <td data-field="newest">{d.periods.at(-1) ?? "—"}</td>
                <td className="num">{d.rows.toLocaleString("en-US")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <ImportForm />
    </article>
  );
}
