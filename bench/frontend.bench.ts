import zlib from "node:zlib";
import { chromium } from "playwright-core";
import type { Figure } from "./lib";

/** Issue 4: first-load JavaScript of "/" (maplibre must load lazily), gzipped. */
export async function firstLoadJsBench(baseUrl: string): Promise<Figure[]> {
  const html = await (await fetch(`${baseUrl}/`)).text();
  // Scripts marked noModule (legacy polyfills) are never fetched by the browsers the app supports.
  const tags = [...html.matchAll(/<script[^>]*>/g)].map((m) => m[0]).filter((tag) => !/nomodule/i.test(tag));
  const scripts = [...new Set(tags.map((tag) => /src="([^"]+\.js)"/.exec(tag)?.[1] ?? ""))].filter(Boolean);
  let gzipped = 0;
  let raw = 0;
  const withMaplibre: string[] = [];
  for (const src of scripts) {
    const body = Buffer.from(await (await fetch(new URL(src, baseUrl))).arrayBuffer());
    raw += body.length;
    gzipped += zlib.gzipSync(body, { level: 9 }).length;
    // A message from inside maplibre's own code (our map component only names the worker file).
    if (body.includes("Style is not done loading")) withMaplibre.push(src);
  }
  const kb = gzipped / 1024;
  return [
    {
      name: "First-load JavaScript of / (gzip -9, every module <script src> in the HTML)",
      value: Number(kb.toFixed(1)),
      unit: "KB",
      target: "≤ 150 KB, and maplibre-gl not among the first-load scripts",
      met: kb <= 150 && withMaplibre.length === 0,
      note: `${scripts.length} scripts, ${(raw / 1024).toFixed(0)} KB before compression; maplibre in first load: ${withMaplibre.length ? withMaplibre.join(", ") : "no"}`,
    },
  ];
}

async function timeToReady(url: string, executablePath: string): Promise<number> {
  const browser = await chromium.launch({
    executablePath,
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--use-angle=swiftshader",
      "--enable-unsafe-swiftshader",
      "--disable-dev-shm-usage",
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const started = Date.now();
    await page.goto(url);
    await page.waitForSelector('[data-testid="world-map"][data-ready="true"]', { timeout: 120_000 });
    return Date.now() - started;
  } finally {
    await browser.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

/** Issue 4: navigation → data-ready with the sites layer on, seed data vs 20 000 more sites. */
export async function dataReadyBench(seedUrl: string, loadedUrl: string, executablePath: string, runs: number): Promise<Figure[]> {
  await timeToReady(`${seedUrl}/?layer=sites`, executablePath); // warm-up (server caches, disk)
  await timeToReady(`${loadedUrl}/?layer=sites`, executablePath);
  const seed: number[] = [];
  const loaded: number[] = [];
  for (let i = 0; i < runs; i++) {
    seed.push(await timeToReady(`${seedUrl}/?layer=sites`, executablePath));
    loaded.push(await timeToReady(`${loadedUrl}/?layer=sites`, executablePath));
  }
  const ratio = median(loaded) / median(seed);
  return [
    {
      name: "Navigation → data-ready, sites layer, with 20 000 synthetic sites",
      value: median(loaded),
      unit: "ms",
      baseline: { name: "the same with the seed's 119 sites", value: median(seed) },
      ratio: Number(ratio.toFixed(3)),
      target: "ratio ≤ 1.5",
      met: ratio <= 1.5,
      note: `medians of ${runs} cold page loads each (new browser per load); seed ${seed.join("/")} ms, loaded ${loaded.join("/")} ms`,
    },
  ];
}
