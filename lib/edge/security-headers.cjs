// @ts-check
// The security headers: one list, required by next.config.js and by the server's front
// (lib/edge/guard.ts). CommonJS, because next.config.js loads it with require.
"use strict";

/**
 * The Content-Security-Policy: this origin and nothing else, no remote source of any kind (the app
 * runs offline; e2e/security.spec.ts checks every page draws with no violation).
 *
 * - script-src 'self' 'unsafe-inline': the App Router streams its page data as inline
 *   `<script>self.__next_f.push(…)</script>` tags, whose content differs per page and request, so
 *   hashes cannot list them. The alternative, a per-request nonce, needs a proxy (middleware) that
 *   makes every page dynamic — no static prerendering — for little gain here: there is no
 *   user-generated HTML (React escapes all text; nothing uses dangerouslySetInnerHTML) and no
 *   third-party script; what the policy mainly stops is loading script from anywhere but here.
 *   No 'unsafe-eval' and no 'wasm-unsafe-eval' in production: neither maplibre (its worker is a
 *   same-origin module, /vendor/maplibre-gl-worker.mjs) nor uPlot evaluates strings or runs
 *   WebAssembly in the browser. `next dev` alone adds 'unsafe-eval' (React's dev tools rebuild
 *   call stacks with eval); `next build`/`next start` never send it.
 * - worker-src 'self': maplibre's worker pool. Its worker URL (setWorkerUrl in WorldMap.tsx) is a
 *   relative path, so always same-origin, and maplibre then starts it directly as a module worker;
 *   it wraps the URL in a blob: module only for a worker on another origin, which this app never
 *   has. So no blob: here (the map draws without it: e2e/security.spec.ts).
 * - style-src 'self' 'unsafe-inline': React `style={…}` attributes (tooltip position, legend
 *   swatches), maplibre's and uPlot's element styles, and Next's inlined CSS in production.
 * - img-src 'self' data: blob:: maplibre's CSS draws its controls (zoom buttons, attribution) with
 *   data: SVGs; maplibre decodes image bytes (icons, sprites) through blob: URLs — today's style has
 *   none (the hatch is drawn in memory), kept so an icon layer does not break the map silently.
 *   Downloads (CSV as a blob: URL, the map as a data: PNG) are navigations, which CSP does not govern.
 * - connect-src 'self': fetch of the API and of /geo/world.json (the page and the map worker, whose
 *   own response carries this same policy). In dev, 'self' also covers the HMR web socket.
 * - font-src 'self': only the app's own fonts (it uses system fonts; maplibre draws no text here).
 * - object-src 'none', base-uri 'self', form-action 'self', frame-ancestors 'none': no plugins,
 *   no <base> hijack, forms post only here, and no page of another site may frame this one.
 * - default-src 'self' covers the rest (manifest, media, frames).
 * No upgrade-insecure-requests: HashAtlas is served over plain http on the local machine.
 */
/** @param {boolean} dev */
function contentSecurityPolicy(dev) {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "worker-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * Browser features HashAtlas never uses, denied to the page and to anything it could embed. Only
 * features Chromium knows: an unknown name is a console warning (e2e/security.spec.ts fails on it).
 */
const DENIED_FEATURES = [
  "accelerometer",
  "camera",
  "display-capture",
  "geolocation",
  "gyroscope",
  "hid",
  "idle-detection",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "publickey-credentials-get",
  "screen-wake-lock",
  "serial",
  "usb",
  "xr-spatial-tracking",
];

/**
 * The headers every response carries. next.config.js sends them with what Next answers through its
 * routing (pages, API routes, static files); the server's front (lib/edge/guard.ts) sets them first
 * on every response, so what Next answers outside that — its trailing-slash and other redirects,
 * errors — and the front's own refusals (405, 421) carry them too.
 * @param {boolean} dev
 * @returns {{ key: string, value: string }[]}
 */
function securityHeaders(dev) {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(dev) },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: DENIED_FEATURES.map((f) => `${f}=()`).join(", ") },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ];
}

module.exports = { securityHeaders };
