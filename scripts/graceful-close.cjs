// Preloaded into the Next server (node --require; scripts/next-command.ts builds the command line).
//
// On SIGTERM/SIGINT Next calls server.close() and exits once every connection has ended. Node's
// close() drops the keep-alive connections that are idle at that moment, but one that is busy —
// a request in flight — stays open after its answer until the client leaves or the keep-alive
// timeout passes (120 s with `npm start`), and the stop waits that long. So once a server is
// closing, idle connections are swept every 100 ms until it has closed.
"use strict";
const http = require("node:http");

const close = http.Server.prototype.close;
http.Server.prototype.close = function closeAndSweepIdleConnections(...args) {
  const result = close.apply(this, args);
  const sweep = setInterval(() => this.closeIdleConnections(), 100);
  sweep.unref();
  this.once("close", () => clearInterval(sweep));
  return result;
};
