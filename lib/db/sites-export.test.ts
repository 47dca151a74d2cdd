import { describe, expect, it } from "vitest";
import { prisma } from "./client";
import { listSites, siteExportPages } from "./sites";

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

// The sites export reads page by page; it must give exactly the sites the full listing gives.
describe("siteExportPages", () => {
  it.each([1, 7, 119, 1000])("walks every site once, in the listing's order, %i at a time", async (size) => {
    const pages = await collect(siteExportPages(undefined, size));
    expect(pages.every((p) => p.length > 0 && p.length <= size)).toBe(true);
    expect(pages.flat()).toEqual(await listSites());
  });

  it("keeps to one dataset", async () => {
    const all = await listSites();
    const slug = all[0]?.dataset ?? "";
    const dataset = await prisma().dataset.findUniqueOrThrow({ where: { slug } });
    expect((await collect(siteExportPages(dataset.id, 50))).flat()).toEqual(all.filter((s) => s.dataset === slug));
    expect((await collect(siteExportPages(dataset.id + 1_000_000, 50))).flat()).toEqual([]);
  });
});
