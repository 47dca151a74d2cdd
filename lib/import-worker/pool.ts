import path from "node:path";
import { type ResourceLimits, Worker } from "node:worker_threads";
import { log } from "../log";
import type { ImportAnswer, ImportJob, ImportReply, WorkerImport } from "./protocol";

// One long-lived worker thread and a queue in front of it. One worker, not several: writers take turns
// (SQLite has one writer; PostgreSQL's writes take one advisory lock), so a second import could only wait for the first's lock (and a 200 000-row import holds
// it for seconds). The worker is started by the first import, reused by the next, and unref'd
// while idle, so it never keeps a process (a test, a CLI) alive. After a while with no import it is
// stopped: V8 keeps a thread's heap once grown (about 320 MB after a 200 000-row file), and only
// ending the thread gives that memory back; starting a new one costs a fraction of a second. If it
// dies (out of memory, a crash), the import it was running is answered as interrupted — never left
// hanging — and the next queued import starts a fresh worker.

/** Where Node loads the worker from at run time; turbopackIgnore: the path is not a module to bundle or trace. */
export const WORKER_ENTRY = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib", "import-worker", "bootstrap.mjs");

/** How long the worker waits for another import before it is stopped to free its memory. */
export const IMPORT_WORKER_IDLE_MS = 60_000;

type Queued = { request: WorkerImport; bytes: ArrayBuffer; settle: (answer: ImportAnswer) => void };

export type PoolOptions = {
  /** The worker's entry file (tests point it elsewhere to make a worker that cannot start). */
  entry?: string;
  /** Heap limits of the worker; unset: Node's defaults. Tests set a small heap to make an import run out of memory. */
  resourceLimits?: ResourceLimits;
  /** Default IMPORT_WORKER_IDLE_MS. */
  idleMs?: number;
};

/**
 * The upload's bytes as a buffer of their own, to be moved (transferred, not copied) to the worker.
 * A view on part of a larger buffer — Node's shared pool for small Buffers — is copied first:
 * transferring would take the whole pool away from this thread. (Not `bytes.slice()`: on a Buffer
 * that is a view of the same memory, not a copy.)
 */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  const { buffer } = bytes;
  if (buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength) return buffer;
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

/** What the answer says; the error itself (which may name files and lines) goes to the log only. */
function why(error: Error | undefined, code: number): string {
  if (error && "code" in error && error.code === "ERR_WORKER_OUT_OF_MEMORY") return "ran out of memory";
  if (error) return "failed with an internal error (in the server's log)";
  return `exited with code ${code}`;
}

export class ImportWorkerPool {
  private worker: Worker | null = null;
  private running: (Queued & { id: number }) | null = null;
  private readonly queue: Queued[] = [];
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: PoolOptions = {}) {}

  /**
   * Queue an import; resolves with the worker's answer, or an "interrupted" error if the worker
   * stopped first. The upload's bytes move to the worker: the caller's `file.bytes` is empty afterwards.
   */
  run(request: WorkerImport): Promise<ImportAnswer> {
    const bytes = ownBuffer(request.file.bytes);
    const file = { ...request.file, bytes: new Uint8Array(bytes) };
    return new Promise((settle) => {
      this.queue.push({ request: { ...request, file }, bytes, settle });
      this.pump();
    });
  }

  /** Whether a worker thread is running (started and not yet stopped). */
  get started(): boolean {
    return this.worker !== null;
  }

  /** Stop the worker (tests, shutdown); what is running or queued is answered as interrupted. */
  async close(): Promise<void> {
    this.clearIdleTimer();
    const worker = this.worker;
    const pending = [...(this.running ? [this.running] : []), ...this.queue.splice(0)];
    this.running = null;
    this.worker = null;
    for (const job of pending)
      job.settle({ ok: false, error: { type: "interrupted", message: "the import was interrupted: the server stopped its import worker" } });
    await worker?.terminate();
  }

  private pump() {
    if (this.running) return;
    const next = this.queue.shift();
    if (!next) {
      this.idle();
      return;
    }
    this.clearIdleTimer();
    const job: ImportJob = { id: this.nextId++, request: next.request };
    this.running = { ...next, id: job.id };
    const worker = this.start();
    worker.ref();
    worker.postMessage(job, [next.bytes]);
  }

  private idle() {
    const worker = this.worker;
    if (!worker) return;
    worker.unref();
    this.clearIdleTimer();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.worker !== worker || this.running) return;
      this.worker = null; // its exit is then no failure
      void worker.terminate();
    }, this.options.idleMs ?? IMPORT_WORKER_IDLE_MS);
    this.idleTimer.unref();
  }

  private clearIdleTimer() {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.options.entry ?? WORKER_ENTRY, this.options.resourceLimits ? { resourceLimits: this.options.resourceLimits } : {});
    let failure: Error | undefined;
    worker.on("message", (reply: ImportReply) => {
      const job = this.running;
      if (worker !== this.worker || job?.id !== reply.id) return;
      this.running = null;
      job.settle(reply);
      this.pump();
    });
    // An uncaught error or running out of memory; "exit" follows and does the rest.
    worker.on("error", (error) => (failure = error));
    worker.on("exit", (code) => {
      if (worker !== this.worker) return; // closed on purpose
      this.worker = null;
      const job = this.running;
      this.running = null;
      const reason = why(failure, code);
      log().error({ err: failure ? { message: failure.message, stack: failure.stack } : undefined, code, importing: job !== null }, `import worker ${reason}`);
      job?.settle({
        ok: false,
        error: {
          type: "interrupted",
          message: `the import was interrupted: the thread running it ${reason} before it answered. Its write is one transaction, so the dataset is either unchanged or complete (GET /api/datasets shows which); try again`,
        },
      });
      this.pump(); // the next import, if any, on a fresh worker
    });
    this.worker = worker;
    return worker;
  }
}
