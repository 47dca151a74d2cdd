// Preloaded into the Next server (node --require; scripts/next-command.ts builds the command line).
//
// Puts the server's front (lib/edge/guard.ts) before Next's request listener: security headers on
// every response, absolute-form targets made paths, HASHATLAS_ALLOWED_HOSTS, 405 with Allow, and
// the socket address for the route handlers. The front itself is the app's TypeScript, bundled by
// Next and installed by instrumentation.ts at start-up (it reads the configuration through
// lib/env.ts and the routes from lib/api/api-routes.ts); this file only hands it every request.
//
// Next starts listening before the app is loaded, and holds early requests until it is. Requests
// that arrive before the front is installed are held here the same way, then go through it.
"use strict";
const http = require("node:http");

const emit = http.Server.prototype.emit;
/** @type {((req: http.IncomingMessage, res: http.ServerResponse) => boolean | Promise<boolean>) | undefined} */
let guard;
/** @type {(() => void)[]} */
const held = [];

/** @param {http.Server} server @param {http.IncomingMessage} req @param {http.ServerResponse} res */
function forward(server, req, res) {
  const answered = guard ? guard(req, res) : false;
  if (answered === true) return true;
  if (answered === false) return emit.call(server, "request", req, res);
  // A cacheable request waits for the data version (a query on PostgreSQL); the front never fails it,
  // but should it, Next answers as it would without the front's caching.
  answered.then(
    (done) => done || emit.call(server, "request", req, res),
    () => emit.call(server, "request", req, res),
  );
  return true;
}

http.Server.prototype.emit = function emitThroughFront(event, ...args) {
  if (event !== "request") return emit.call(this, event, ...args);
  const [req, res] = args;
  if (!guard) {
    held.push(() => forward(this, req, res));
    return true;
  }
  return forward(this, req, res);
};

// The handshake with lib/edge/install.ts: it installs the front here, and knows from this slot that
// the front is really in place (only then does the app believe the peer address it sets).
globalThis[Symbol.for("hashatlas.edge-front")] = {
  /** @param {(req: http.IncomingMessage, res: http.ServerResponse) => boolean | Promise<boolean>} front */
  install(front) {
    guard = front;
    for (const release of held.splice(0)) release();
  },
};
