import { parentPort } from "node:worker_threads";
import { importDataset } from "../services/import";
import { type ImportJob, type ImportReply, serializeError } from "./protocol";

// Inside the import worker thread (started by bootstrap.mjs): the same service `npm run import`
// calls, so parsing, validation and the one-transaction write are the same code. Jobs arrive one at
// a time (the pool queues them), and the synchronous service blocks only this thread.

if (!parentPort) throw new Error("lib/import-worker/worker.ts runs as a worker thread (see pool.ts)");
const port = parentPort;

port.on("message", (job: ImportJob) => {
  let reply: ImportReply;
  try {
    reply = { id: job.id, ok: true, outcome: importDataset(job.request) };
  } catch (error) {
    reply = { id: job.id, ok: false, error: serializeError(error) };
  }
  port.postMessage(reply);
});
