import { startPostgres } from "./scripts/postgres-server";
import { seedDatabase } from "./seed/seed";
async function main() {
  const server = await startPostgres();
  try {
    let t = performance.now();
    console.log(await seedDatabase(server.url).then(r => r.skipped ? r : { written: r.written.length, unchanged: r.unchanged.length, countries: r.countriesChanged }), performance.now() - t);
    t = performance.now();
    console.log(await seedDatabase(server.url).then(r => r.skipped ? r : { written: r.written.map(w=>w.slug), unchanged: r.unchanged.length, countries: r.countriesChanged }), performance.now() - t);
    console.log(await seedDatabase(server.url, { ifEmpty: true }));
  } finally { await server.stop(); }
}
main().catch(e => { console.error(e); process.exit(1); });
