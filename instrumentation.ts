// Next runs register() once when the server starts, before it answers a request.
export async function register() {
  // Next compiles this file for each runtime; the server's front is for the Node.js server only.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installEdgeGuard } = await import("./lib/edge/install");
  installEdgeGuard();
}
