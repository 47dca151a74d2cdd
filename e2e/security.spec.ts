import { expect, test } from "@playwright/test";
import { watchViolations } from "./support";

// The security headers (lib/edge/security-headers.cjs) on every kind of response, and a policy strict enough to
// matter: it refuses remote content and framing. That every page still draws under it, with no violation,
// is checked on each page's load in pages.spec.ts.

const RESPONSES = [
  "/",
  "/methodology",
  "/data",
  "/api-docs",
  "/api/health",
  "/api/metrics",
  "/api/export?what=series&format=csv",
  "/geo/world.json",
  "/vendor/maplibre-gl-worker.mjs",
  // An error answer and a page that does not exist carry them too.
  "/api/metrics?period=1999-13",
  "/no-such-page",
  // So do Next's trailing-slash redirects, answered outside the routes (the server's front sets them).
  "/methodology/",
  "/api/health/",
];

/** The directives of a CSP header, by name. */
function directives(csp: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of csp.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), sources);
  }
  return out;
}

test("every page, API answer and static file carries the security headers", async ({ request }) => {
  const policies = new Set<string>();
  // One script chunk of the production build as well.
  const html = await (await request.get("/")).text();
  const chunk = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  expect(chunk, "the home page loads a script from /_next/static").toBeTruthy();

  for (const url of [...RESPONSES, chunk ?? ""]) {
    const response = await request.get(url, { maxRedirects: 0 });
    expect(response.status(), url).toBeLessThan(500);
    const h = response.headers();
    const csp = h["content-security-policy"] ?? "";
    expect(csp, `${url}: Content-Security-Policy`).not.toBe("");
    policies.add(csp);

    const d = directives(csp);
    expect(d.get("default-src"), url).toEqual(["'self'"]);
    expect(d.get("frame-ancestors"), url).toEqual(["'none'"]);
    expect(d.get("object-src"), url).toEqual(["'none'"]);
    expect(d.get("base-uri"), url).toEqual(["'self'"]);
    expect(d.get("form-action"), url).toEqual(["'self'"]);
    expect(d.get("connect-src"), url).toEqual(["'self'"]);
    expect(d.get("img-src"), url).toEqual(["'self'", "data:", "blob:"]);
    expect(d.get("font-src"), url).toEqual(["'self'"]);
    expect(d.get("worker-src"), url).toEqual(["'self'"]);
    // A production build evaluates no strings and runs no WebAssembly.
    expect(d.get("script-src"), url).toEqual(["'self'", "'unsafe-inline'"]);
    // Nothing remote: no scheme or host sources, no wildcards, anywhere in the policy.
    for (const [name, sources] of d) {
      for (const source of sources) {
        expect(source, `${url}: ${name} ${source}`).toMatch(/^('[a-z-]+'|data:|blob:)$/);
      }
    }
    expect(csp, url).not.toMatch(/https?:|wss?:|\*/);

    expect(h["x-content-type-options"], url).toBe("nosniff");
    expect(["strict-origin-when-cross-origin", "no-referrer"], url).toContain(h["referrer-policy"]);
    const permissions = h["permissions-policy"] ?? "";
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) expect(permissions, url).toContain(`${feature}=()`);
    expect(h["x-frame-options"], url).toBe("DENY");
    expect(h["cross-origin-opener-policy"], url).toBe("same-origin");
    expect(h["x-powered-by"], url).toBeUndefined();
  }
  // One policy for the whole site.
  expect([...policies]).toHaveLength(1);
});

test("the watch sees a violation when there is one; the policy blocks remote content, and framing by another site", async ({ page }) => {
  const watch = await watchViolations(page);
  await page.goto("/methodology");
  // A remote image: refused by img-src before any request leaves (no network needed).
  await page.evaluate(() => {
    const img = document.createElement("img");
    img.src = "http://203.0.113.1/pixel.png";
    document.body.append(img);
  });
  await expect.poll(async () => (await watch.events()).map((v) => v.directive)).toContain("img-src");
  // A remote fetch: refused by connect-src.
  const fetched = await page.evaluate(() =>
    fetch("http://203.0.113.1/data.json").then(
      () => "loaded",
      () => "refused",
    ),
  );
  expect(fetched).toBe("refused");
  await expect.poll(async () => (await watch.events()).map((v) => v.directive)).toContain("connect-src");
  expect(watch.reports.length).toBeGreaterThan(0);

  // Another site cannot frame a page. A page of this origin framing the home page: frame-ancestors 'none' refuses even that.
  const framed = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const frame = document.createElement("iframe");
        frame.src = "/";
        frame.onload = () => {
          let body = "";
          try {
            body = frame.contentDocument?.body.innerText ?? "";
          } catch {
            body = "(cross-origin)";
          }
          resolve(body.includes("HashAtlas") ? "shown" : "refused");
        };
        document.body.append(frame);
        setTimeout(() => resolve("refused"), 5_000);
      }),
  );
  expect(framed).toBe("refused");
});
