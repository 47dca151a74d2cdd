import { prisma } from "../lib/db/client";
import { Prisma } from "../lib/generated/prisma/client";
async function main() {
  const t = Date.now();
  const rows = await prisma().$queryRaw`SELECT count(*) AS n, total(capacityMw) AS mw, sum(id) AS s, avg(lat) AS a, min(name) AS nm, max(lat IS NULL) AS b FROM "MiningSite" WHERE datasetId = ${9}`;
  console.log(rows, Date.now() - t);
  const cond = Prisma.sql`lat BETWEEN ${-30} AND ${40}`;
  const r2 = await prisma().$queryRaw`SELECT id, name, lat FROM "MiningSite" WHERE ${cond} AND ${Prisma.join([Prisma.sql`1=1`, Prisma.sql`2=2`], " AND ")} ORDER BY id LIMIT 2`;
  console.log(r2);
}
void main();
