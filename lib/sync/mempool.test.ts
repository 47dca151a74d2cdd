import { describe, expect, it } from "vitest";
import { mempoolUrl, periodCovering } from "./mempool";

describe("periodCovering: the shortest mempool window reaching back far enough", () => {
  const now = new Date("2026-11-29T19:00:00Z");
  it.each([
    ["2026-11-01", "1m"],
    ["2026-10-29T19:00:00Z", "1m"],
    ["2026-10-28", "3m"],
    ["2026-08-01", "6m"],
    ["2026-05-01", "1y"],
    ["2024-01-01", "3y"],
    ["2020-01-01", "all"],
  ])("since %s: %s", (since, period) => expect(periodCovering(Date.parse(since.length === 10 ? `${since}T00:00:00Z` : since) / 1000, now)).toBe(period));

  it("the whole history when nothing is known yet", () => expect(periodCovering(null, now)).toBe("all"));
});

describe("mempoolUrl", () => {
  it.each([
    ["http://127.0.0.1:8999", "http://127.0.0.1:8999/api/v1/mining/hashrate/3m"],
    ["http://127.0.0.1:8999/", "http://127.0.0.1:8999/api/v1/mining/hashrate/3m"],
    ["https://node.local/mempool/", "https://node.local/mempool/api/v1/mining/hashrate/3m"],
  ])("%s → %s", (base, url) => expect(mempoolUrl(base, "hashrate/3m")).toBe(url));
});
