import { afterAll, describe, expect, it } from "vitest";
import type { TrustProxy } from "../env";
import { canonicalAddress, clientAddress, clientKey, keyOfAddress, PEER_HEADER, trustPeerHeader } from "./client-key";

describe("canonicalAddress", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    [" 203.0.113.7 ", "203.0.113.7"],
    ["203.0.113.7:51234", "203.0.113.7"],
    ["2001:DB8::1", "2001:db8::1"],
    ["2001:db8:0:0:0:0:0:1", "2001:db8::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["[2001:db8::1]", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
    // IPv4-mapped IPv6 (a dual-stack socket's view of an IPv4 client) is the IPv4 address.
    ["::ffff:198.51.100.4", "198.51.100.4"],
    ["::FFFF:c633:6404", "198.51.100.4"],
    ["::1", "::1"],
  ])("%j → %s", (raw, canonical) => {
    expect(canonicalAddress(raw)).toBe(canonical);
  });

  it.each([
    "",
    "unknown",
    "localhost",
    "evil.example",
    "1.2.3",
    "01.2.3.4",
    "256.1.1.1",
    "1.2.3.4.5",
    "2001:db8::1::2",
    "[1.2.3.4",
    "x".repeat(5000),
    "_hidden",
  ])("%j is not an address", (raw) => {
    expect(canonicalAddress(raw)).toBeUndefined();
  });
});

describe("clientAddress", () => {
  const none = undefined;
  const hops = (n: number): TrustProxy => ({ hops: n });
  const proxies = (...addresses: string[]): TrustProxy => ({ addresses });
  // [what, socket address, X-Forwarded-For, HASHATLAS_TRUST_PROXY, the client]
  const cases: [string, string | undefined, string | null, TrustProxy | undefined, string | undefined][] = [
    ["no proxy trusted: the socket, whatever the header says", "127.0.0.2", "203.0.113.7", none, "127.0.0.2"],
    ["no proxy trusted, no header", "203.0.113.7", null, none, "203.0.113.7"],
    ["no socket address (no server front): nobody", undefined, "203.0.113.7", hops(1), undefined],
    ["a socket address that is not one", "garbage", "203.0.113.7", hops(1), undefined],
    ["one hop: the rightmost entry", "10.0.0.1", "198.51.100.1, 203.0.113.7", hops(1), "203.0.113.7"],
    ["two hops: the second from the right", "10.0.0.1", "198.51.100.1, 203.0.113.7, 10.0.0.2", hops(2), "203.0.113.7"],
    ["more hops than entries: the leftmost", "10.0.0.1", "203.0.113.7", hops(3), "203.0.113.7"],
    ["one hop, no header: the proxy itself", "10.0.0.1", null, hops(1), "10.0.0.1"],
    ["one hop, an empty header: the proxy itself", "10.0.0.1", "", hops(1), "10.0.0.1"],
    ["a client's own entries left of the proxy's do not count", "10.0.0.1", "1.1.1.1, 2.2.2.2, 203.0.113.7", hops(1), "203.0.113.7"],
    ["garbage where the client should be: the proxy that wrote it", "10.0.0.1", "203.0.113.7, unknown", hops(1), "10.0.0.1"],
    ["garbage two hops away: the last good address", "10.0.0.1", "junk, 203.0.113.7", hops(2), "203.0.113.7"],
    ["an entry with a port", "10.0.0.1", "203.0.113.7:4431", hops(1), "203.0.113.7"],
    ["IPv6 through one hop", "10.0.0.1", "2001:DB8:0:0::42", hops(1), "2001:db8::42"],
    ["a listed proxy: the first address not listed", "10.0.0.1", "198.51.100.1, 203.0.113.7", proxies("10.0.0.1"), "203.0.113.7"],
    ["a chain of listed proxies", "10.0.0.1", "198.51.100.1, 203.0.113.7, 10.0.0.2", proxies("10.0.0.1", "10.0.0.2"), "203.0.113.7"],
    ["a peer that is not a listed proxy is the client, whatever it forwards", "127.0.0.2", "203.0.113.7", proxies("127.0.0.1"), "127.0.0.2"],
    ["every hop a listed proxy: the leftmost", "10.0.0.1", "10.0.0.2", proxies("10.0.0.1", "10.0.0.2"), "10.0.0.2"],
    ["a listed proxy with no header: the proxy", "10.0.0.1", null, proxies("10.0.0.1"), "10.0.0.1"],
    ["a listed proxy forwarding garbage: the proxy", "10.0.0.1", "<script>", proxies("10.0.0.1"), "10.0.0.1"],
    ["a listed IPv6 proxy, spelled otherwise on the socket", "::ffff:10.0.0.1", "203.0.113.7", proxies("10.0.0.1"), "203.0.113.7"],
    ["a listed IPv6 proxy in its long spelling", "2001:db8::5", "203.0.113.7", proxies("2001:db8:0:0:0:0:0:5"), "203.0.113.7"],
  ];
  it.each(cases)("%s", (_what, peer, forwarded, trust, client) => {
    expect(clientAddress(peer, forwarded, trust)).toBe(client);
  });

  it("walks a bounded number of entries of a huge header", () => {
    const header = Array.from({ length: 5000 }, () => "10.0.0.2").join(", ");
    expect(clientAddress("10.0.0.1", `203.0.113.7, ${header}`, proxies("10.0.0.1", "10.0.0.2"))).toBe("10.0.0.2");
  });
});

describe("keyOfAddress", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    // Every address of one /64 is one client: rotating within it gains nothing.
    ["2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8::/64"],
    ["::1", "::/64"],
    [undefined, "local"],
  ])("%s → %s", (address, key) => {
    expect(keyOfAddress(address)).toBe(key);
  });
});

describe("clientKey (HASHATLAS_TRUST_PROXY unset here)", () => {
  afterAll(() => trustPeerHeader(false));
  const req = (headers: Record<string, string>) => new Request("http://127.0.0.1/api/import", { method: "POST", headers });

  it("believes the peer header only once the server's front has said it sets it", () => {
    trustPeerHeader(false);
    expect(clientKey(req({ [PEER_HEADER]: "203.0.113.7" }))).toBe("local");
    trustPeerHeader();
    expect(clientKey(req({ [PEER_HEADER]: "203.0.113.7" }))).toBe("203.0.113.7");
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    trustPeerHeader();
    for (const forwarded of ["198.51.100.1", "198.51.100.2, 10.0.0.1", "2001:db8::9"])
      expect(clientKey(req({ [PEER_HEADER]: "127.0.0.2", "x-forwarded-for": forwarded }))).toBe("127.0.0.2");
    expect(clientKey(req({ "x-forwarded-for": "198.51.100.1" }))).toBe("local");
    expect(clientKey(req({ [PEER_HEADER]: "::ffff:127.0.0.2" }))).toBe("127.0.0.2");
  });
});
