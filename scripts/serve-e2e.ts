// The server Playwright runs against (see playwright.config.ts): a production build serving a seeded
// SQLite file of its own under .tmp/, removed again when Playwright stops the server.
import path from "node:path";
import { removeDatabaseFiles, startAppServer } from "./app-server";

const port = Number(process.env.HASHATLAS_E2E_PORT ?? 3100);
const dbFile = path.resolve(__dirname, "..", ".tmp", `e2e-${port}-${process.pid}.db`);

startAppServer({ port, dbFile })
  .then((server) => {
    const shutdown = () => void server.stop().then(() => process.exit(0));
    process.on("SIGTERM", shutdown);
    process.on("SIGINT", shutdown);
    server.child.on("exit", (code) => {
      removeDatabaseFiles(dbFile);
      process.exit(code ?? 0);
    });
  })
  .catch((error: unknown) => {
    console.error(`e2e server failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
