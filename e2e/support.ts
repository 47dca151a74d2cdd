import { expect, type Page } from "@playwright/test";
import { z } from "zod";

export type Rgba = [number, number, number, number];

export async function mapReady(page: Page) {
  await expect(page.getByTestId("world-map")).toHaveAttribute("data-ready", "true");
}

/** Read one drawn pixel of the map canvas at a longitude/latitude. */
export async function pixelAt(page: Page, lngLat: [number, number]): Promise<Rgba> {
  return page.evaluate(([lng, lat]) => {
    const map = window.__hashatlasMap;
    if (!map) throw new Error("no map");
    const point = map.project([lng, lat]);
    const source = map.getCanvas();
    const ratio = source.width / source.clientWidth;
    const copy = document.createElement("canvas");
    copy.width = source.width;
    copy.height = source.height;
    const ctx = copy.getContext("2d");
    if (!ctx) throw new Error("no 2d context");
    ctx.drawImage(source, 0, 0);
    const d = ctx.getImageData(Math.round(point.x * ratio), Math.round(point.y * ratio), 1, 1).data;
    return [d[0] ?? 0, d[1] ?? 0, d[2] ?? 0, d[3] ?? 0] as [number, number, number, number];
  }, lngLat);
}

export const distance = (a: Rgba, b: Rgba) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

/** Screen position of a longitude/latitude on the map, for mouse actions. */
export async function screenPoint(page: Page, lngLat: [number, number]) {
  // A panel opening beside the map narrows it; maplibre notices on its next frame, so resize now.
  const point = await page.evaluate(([lng, lat]) => {
    const map = window.__hashatlasMap;
    map?.resize();
    return map?.project([lng, lat]);
  }, lngLat);
  const box = await page.getByTestId("world-map").boundingBox();
  if (!point || !box) throw new Error("map not laid out");
  return { x: box.x + point.x, y: box.y + point.y };
}

/** Every request the page makes to a host other than the app's own. */
export function watchForeignRequests(page: Page, baseURL: string | undefined): string[] {
  const foreign: string[] = [];
  const ownHost = new URL(baseURL ?? "http://127.0.0.1").hostname;
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (!["data:", "blob:"].includes(url.protocol) && url.hostname !== ownHost) foreign.push(request.url());
  });
  return foreign;
}

/** The value the map stores for a country (feature state), or null when it has none. */
export async function featureValue(page: Page, iso2: string): Promise<number | null> {
  const state = await featureState(page, iso2);
  return z
    .number()
    .nullable()
    .parse(state.value ?? null);
}

/** A country's feature state on the map (what the map stores for it: value and colour). */
export async function featureState(page: Page, iso2: string): Promise<Record<string, unknown>> {
  return page.evaluate((id) => {
    const state: Record<string, unknown> = window.__hashatlasMap?.getFeatureState({ source: "countries", id }) ?? {};
    return state;
  }, iso2);
}

type Violation = { directive: string; blocked: string; source: string };

/** Collect CSP violations: the page's securitypolicyviolation events and Chromium's console reports (its workers' too). */
export async function watchViolations(page: Page) {
  await page.addInitScript(() => {
    const list: Violation[] = [];
    (window as unknown as { __cspViolations: Violation[] }).__cspViolations = list;
    document.addEventListener("securitypolicyviolation", (e) => list.push({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile }));
  });
  const reports: string[] = [];
  const onConsole = (text: string) => {
    // Also a Permissions-Policy the browser could not apply (an unknown feature name).
    if (/Content.Security.Policy|Permissions.Policy/i.test(text)) reports.push(text);
  };
  page.on("console", (message) => onConsole(message.text()));
  page.on("pageerror", (error) => onConsole(String(error)));
  page.on("worker", (worker) => worker.on("console", (message) => onConsole(message.text())));
  page.on("requestfailed", (r) => {
    if (/csp/i.test(r.failure()?.errorText ?? "")) reports.push(`blocked request ${r.url()}: ${r.failure()?.errorText}`);
  });
  return {
    reports,
    events: () => page.evaluate(() => (window as unknown as { __cspViolations?: Violation[] }).__cspViolations ?? []),
  };
}
