import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contentHash, type DatasetContent } from "./bulk";

// The hash is fed row by row; it must stay the digest of the whole JSON text, or every stored
// dataset would look changed on the next seed.
describe("contentHash", () => {
  it("is the SHA-256 of JSON.stringify(content), whatever the content", () => {
    const row = fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string(), fc.double(), fc.constant(null), fc.constant(undefined), fc.boolean()));
    fc.assert(
      fc.property(
        fc.record(
          { meta: fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string(), fc.constant(undefined))), origin: fc.string(), shares: fc.array(row) },
          { requiredKeys: ["meta"] },
        ),
        fc.option(fc.array(fc.oneof(row, fc.constant(undefined))), { nil: undefined }),
        (content, sites) => {
          const whole = { ...content, sites } as unknown as DatasetContent;
          expect(contentHash(whole)).toBe(createHash("sha256").update(JSON.stringify(whole)).digest("hex"));
        },
      ),
    );
  });
});
