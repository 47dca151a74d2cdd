import { describe, expect, it } from "vitest";
import { hostAllowed } from "./guard";

describe("hostAllowed", () => {
  const allowed = ["hashatlas.example.org", "127.0.0.1", "[::1]", "intranet:8080"];
  it.each([
    ["hashatlas.example.org", true],
    ["HashAtlas.Example.Org", true],
    ["hashatlas.example.org:3000", true],
    ["hashatlas.example.org.", true],
    ["hashatlas.example.org.:443", true],
    ["127.0.0.1:3000", true],
    ["[::1]:3000", true],
    ["[::1]", true],
    ["intranet:8080", true],
    // A port-qualified entry is that port only.
    ["intranet", false],
    ["intranet:8081", false],
    ["evil.example", false],
    ["hashatlas.example.org.evil.example", false],
    ["evilhashatlas.example.org", false],
    ["127.0.0.1.nip.io", false],
    ["[::2]:3000", false],
    ["", false],
    [undefined, false],
  ])("%j → %s", (host, ok) => {
    expect(hostAllowed(host, allowed)).toBe(ok);
  });
});
