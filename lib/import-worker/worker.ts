import { parentPort } from "node:worker_threads";
import { importDataset } from "../services/import";
import { type ImportJob, type ImportReply, serializeError } from "./protocol";

// Inside the import worker thread (started by bootstrap.mjs): the same service `npm run import`
// calls, so parsing, validation and the one-transaction write are the same code. Jobs arrive one at
// a time (the pool queues them). On SQLite the write is synchronous and blocks only this thread; on
// PostgreSQL the thread opens a connection of its own for each write (the request's DatabaseLocation
// says where), which ends with the thread if it is stopped mid-write: the server then rolls back.

if (!parentPort) throw new Error("lib/import-worker/worker.ts runs as a worker thread (see pool.ts)");
const port = parentPort;

port.on("message", (job: ImportJob) => {
  void importDataset(job.request).then(
    (outcome) => port.postMessage({ id: job.id, ok: true, outcome } satisfies ImportReply),
    (error: unknown) => port.postMessage({ id: job.id, ok: false, error: serializeError(error) } satisfies ImportReply),
  );
});
