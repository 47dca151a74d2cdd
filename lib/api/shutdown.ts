// Whether the server has been asked to stop. `next start` answers SIGTERM/SIGINT by closing its
// listener and waiting for every connection to end; Node's server.close() drops idle keep-alive
// connections, but one busy at that moment stays open after its answer until the client leaves or
// the keep-alive timeout passes (120 s with `npm start`). So once a stop is asked, API answers say
// `Connection: close`, and the process exits as soon as the requests in flight are answered.

let stopping = false;

// Registered when the route modules load, after Next has installed its own handlers — and only
// where the process already handles the signal: a listener of ours must never turn a default
// "terminate" into "ignore" (in a test runner, say).
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  if (process.listenerCount(signal) > 0) process.on(signal, () => (stopping = true));
}

export function stopRequested(): boolean {
  return stopping;
}
