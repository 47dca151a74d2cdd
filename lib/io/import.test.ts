import { describe, expect, it } from "vitest";
import type { DatasetMeta } from "../validation/datasets";
import type { ImportKind } from "../validation/import";
import { decodeText, ImportFormatError, prepareImport } from "./import";
import { DataValidationError, type RowIssue } from "./issues";

// prepareImport as the import route and `npm run import` call it. The route's own tests cover the
// HTTP side and the commonest bad cells; these cover every file-level refusal and every rule of the
// generic shares format.

const meta = (kind: ImportKind): DatasetMeta => ({
  slug: "test-set",
  kind,
  title: "Test",
  publisher: "Test Lab",
  url: "https://example.org/data",
  licence: "CC0",
  retrievedAt: "2026-01-01",
  method: null,
  caveats: null,
  coverage: "network",
});

const utf8 = (text: string) => new TextEncoder().encode(text);

function prepare(kind: ImportKind, body: string | Uint8Array, contentType = "text/csv", name = "upload.csv") {
  return prepareImport(kind, meta(kind), { bytes: typeof body === "string" ? utf8(body) : body, contentType, name });
}

/** The issues prepareImport refuses a file with (fails the test if it accepts the file). */
function issuesOf(kind: ImportKind, body: string, contentType?: string, name?: string): RowIssue[] {
  try {
    prepare(kind, body, contentType, name);
  } catch (error) {
    if (error instanceof DataValidationError) return error.issues;
    throw error;
  }
  throw new Error("the file was accepted");
}

const SITES_HEADER = "site,operator,country,region_city,lat_approx,lon_approx,capacity_MW,hashrate_EH_s,energy_source,status_note,certainty,source_url";
const PRICES_HEADER = "country_iso2,country_name,usd_per_kwh,price_type,period,source_name,source_url,certainty,note";

describe("decodeText", () => {
  it("reads UTF-8 and drops a byte-order mark", () => {
    expect(decodeText(utf8("\uFEFFperiod,country"), "f.csv")).toBe("period,country");
  });

  it.each([
    ["Latin-1 bytes", new Uint8Array([0x4d, 0xfc, 0x6e])],
    ["UTF-16 bytes", new Uint8Array([0xff, 0xfe, 0x41, 0x00])],
  ])("refuses %s with a 422 saying how to save the file", (_label, bytes) => {
    expect(() => decodeText(bytes, "f.csv")).toThrow(new ImportFormatError(422, "f.csv is not UTF-8 text; save it as UTF-8 CSV or JSON"));
  });
});

describe("prepareImport: refusals of the file as a whole", () => {
  it.each<[string, ImportKind, string | Uint8Array, string, string, number, string, string | RegExp]>([
    ["an empty file", "shares", " \n", "text/csv", "f.csv", 422, "file", "f.csv is empty"],
    ["a file holding only a byte-order mark", "shares", "\uFEFF", "text/csv", "f.csv", 422, "file", "f.csv is empty"],
    [
      "bytes that are not UTF-8",
      "shares",
      new Uint8Array([0xff, 0x41]),
      "text/csv",
      "f.csv",
      422,
      "file",
      "f.csv is not UTF-8 text; save it as UTF-8 CSV or JSON",
    ],
    [
      "an unknown shares layout",
      "shares",
      "a,b\n1,2\n",
      "text/csv",
      "f.csv",
      422,
      "file",
      "f.csv: unknown shares layout (columns: a, b). Use the CBECI download (date,country,monthly_hashrate_%,monthly_absolute_hashrate_EH/S) or period,country,share|hashrate_eh",
    ],
    ["a header without rows", "shares", "period,country,share\n", "text/csv", "f.csv", 422, "file", "f.csv holds no data rows"],
    ["JSON that does not parse", "shares", "{", "application/json", "f.json", 422, "file", /^f\.json is not valid JSON: /],
    [
      "JSON of another shape",
      "shares",
      '{"data": []}',
      "application/json",
      "f.json",
      422,
      "file",
      'f.json: JSON must be an array of { period, country, share | hashrateEh } or { "rows": [...] }',
    ],
    [
      "sites as JSON",
      "sites",
      "[]",
      "application/json",
      "f.json",
      415,
      "content-type",
      "sites are imported as CSV in the layout of seed/data/mining_sites.csv",
    ],
    [
      "prices as JSON",
      "prices",
      "[]",
      "text/csv",
      "f.json",
      415,
      "content-type",
      "prices are imported as CSV in the layout of seed/data/electricity_prices.csv",
    ],
    [
      "sites lacking columns",
      "sites",
      "site,operator\nA,B\n",
      "text/csv",
      "f.csv",
      422,
      "file",
      /^f\.csv lacks the columns country, region_city, .* \(expected: site,operator,/,
    ],
    [
      "prices lacking one column",
      "prices",
      `${PRICES_HEADER.replace(",note", "")}\n`,
      "text/csv",
      "f.csv",
      422,
      "file",
      `f.csv lacks the column note (expected: ${PRICES_HEADER})`,
    ],
    ["a prices header without rows", "prices", `${PRICES_HEADER}\n`, "text/csv", "f.csv", 422, "file", "f.csv holds no data rows"],
  ])("refuses %s", (_label, kind, body, contentType, name, status, field, message) => {
    let error: unknown;
    try {
      prepare(kind, body, contentType, name);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportFormatError);
    expect(error).toMatchObject({ status, field, message: typeof message === "string" ? message : expect.stringMatching(message) });
  });

  it.each([
    ["a row with too few fields", "period,country,share\n2024-01,US\n", "has 2 fields, the header has 3"],
    ["an unterminated quote", 'period,country,share\n2024-01,"US,0.5\n', "Quoted field unterminated"],
  ])("reports %s as a row problem on its line", (_label, body, message) => {
    expect(issuesOf("shares", body)).toEqual([{ file: "upload.csv", line: 2, column: "(row)", message }]);
  });
});

describe("prepareImport: formats", () => {
  it.each([
    [
      "the CBECI download",
      "date,country,monthly_hashrate_%,monthly_absolute_hashrate_EH/S\n2021-05-01,US,60%,30\n2021-05-01,Other,40%,20\n",
      "text/csv",
      "f.csv",
      "CBECI Mining Map download",
    ],
    [
      "a ';'-separated CBECI download with decimal commas",
      "date;country;monthly_hashrate_%;monthly_absolute_hashrate_EH/S\n2021-05-01;US;60,5%;30\n2021-05-01;Other;39,5%;20\n",
      "text/csv",
      "f.csv",
      "CBECI Mining Map download",
    ],
    ["period,country,share", "period,country,share\n2024-01,US,0.6\n2024-01,Other,0.4\n", "text/csv", "f.csv", "period,country,share|hashrate_eh CSV"],
    [
      "a JSON array",
      '[{"period":"2024-01","country":"US","share":0.6},{"period":"2024-01","country":"Other","share":0.4}]',
      "application/json",
      "f.json",
      "JSON rows",
    ],
    [
      "JSON rows in an object",
      '{"rows":[{"period":"2024-01","country":"US","share":0.6},{"period":"2024-01","country":"Other","share":0.4}]}',
      "application/json",
      "f.json",
      "JSON rows",
    ],
    // A .json name is enough, whatever type the browser sent.
    [
      "JSON by its file name",
      '[{"period":"2024-01","country":"US","share":0.6},{"period":"2024-01","country":"Other","share":0.4}]',
      "application/octet-stream",
      "F.JSON",
      "JSON rows",
    ],
  ])("reads %s", (_label, body, contentType, name, format) => {
    const prepared = prepare("shares", body, contentType, name);
    expect(prepared.format).toBe(format);
    expect(prepared.rows).toBe(2);
    expect(prepared.content.shares?.map((s) => s.countryIso2)).toEqual(["US", null]);
    expect(prepared.content).toMatchObject({ meta: { slug: "test-set", kind: "shares" }, origin: "import" });
  });

  it("reads sites and prices in the seed layout, ';'-separated with decimal commas too", () => {
    const site = "Site;Op;Norway;;69,65;18,96;40;;hydro;operating;medium;https://example.org/n";
    const sites = prepare("sites", `${SITES_HEADER.replace(/,/g, ";")}\n${site}\n`);
    expect(sites).toMatchObject({ rows: 1, format: "sites CSV (seed layout, ';' separated with decimal commas)" });
    expect(sites.content.sites?.[0]).toMatchObject({ countryIso2: "NO", lat: 69.65, lon: 18.96 });
    const prices = prepare("prices", `${PRICES_HEADER}\nNO,Norway,0.05,industrial,2024,Regulator,https://example.org/r,high,\n`);
    expect(prices).toMatchObject({ rows: 1, format: "prices CSV (seed layout)" });
    expect(prices.content.prices?.[0]).toMatchObject({ countryIso2: "NO", usdPerKwh: 0.05 });
  });
});

describe("prepareImport: the generic shares format", () => {
  it.each([
    ["Other", null],
    ["unattributed", null],
    ["Unknown", null],
    ["rest of world", null],
    ["USA", "US"],
    ["840", "US"],
    ["Kazakhstan", "KZ"],
  ])("reads the country %j as %j", (country, iso2) => {
    const shares = prepare("shares", `period,country,share\n2024-01,${country},1\n`).content.shares;
    expect(shares?.map((s) => s.countryIso2)).toEqual([iso2]);
  });

  it("stores the rest of a month as unattributed when the shares fall short and no Other row is given", () => {
    const shares = prepare("shares", "period,country,share\n2024-01,US,0.5\n2024-01,CN,0.2\n").content.shares;
    expect(shares?.map((s) => [s.countryIso2, s.share, s.sourceLabel])).toEqual([
      ["US", 0.5, null],
      ["CN", 0.2, null],
      [null, 0.3, "unattributed: not assigned to a country by the source"],
    ]);
  });

  it("turns absolute hashrates into shares of the month's total and keeps the EH/s", () => {
    const shares = prepare("shares", "period,country,hashrate_eh\n2025-10,US,300\n2025-10,CAN,100\n").content.shares;
    expect(shares?.map((s) => [s.countryIso2, s.share, s.hashrateEh])).toEqual([
      ["US", 0.75, 300],
      ["CA", 0.25, 100],
    ]);
  });

  it.each([
    ["a negative hashrate", "period,country,hashrate_eh\n2024-01,US,-1\n", [[2, "hashrate_eh", "-1 is negative"]]],
    ["a text hashrate", "period,country,hashrate_eh\n2024-01,US,lots\n", [[2, "hashrate_eh", '"lots" is not a number']]],
    ["a negative share", "period,country,share\n2024-01,US,-0.1\n", [[2, "share", "-0.1 is outside 0–1 (shares are fractions: 37.84 % is 0.3784)"]]],
    ["an empty country", "period,country,share\n2024-01,,0.5\n", [[2, "country", "is empty"]]],
    [
      "a month mixing shares and hashrates",
      "period,country,share,hashrate_eh\n2024-01,US,0.5,\n2024-01,CN,,10\n",
      [[2, "share", "2024-01 mixes rows with a share and rows with only a hashrate; give one or the other for a whole month"]],
    ],
    ["hashrates adding up to 0", "period,country,hashrate_eh\n2024-01,US,0\n2024-01,CN,0\n", [[2, "hashrate_eh", "the hashrates of 2024-01 add up to 0"]]],
    [
      "Other twice in a month",
      "period,country,share\n2024-01,Other,0.5\n2024-01,unknown,0.5\n",
      [[3, "country", "repeats unknown for 2024-01 (first on line 2)"]],
    ],
    // A bad row stays out of its month: one message, not a second one blaming the month's sum.
    [
      "a share above 1 beside a good row",
      "period,country,share\n2024-01,US,37.84\n2024-01,CN,0.2\n",
      [[2, "share", "37.84 is outside 0–1 (shares are fractions: 37.84 % is 0.3784)"]],
    ],
    ["a negative hashrate beside a good row", "period,country,hashrate_eh\n2024-01,US,-5\n2024-01,CN,5\n", [[2, "hashrate_eh", "-5 is negative"]]],
  ])("refuses %s", (_label, body, expected) => {
    expect(issuesOf("shares", body).map((i) => [i.line, i.column, i.message])).toEqual(expected);
  });

  it.each([
    [
      "items that are not objects",
      '[1, "x", null, {"period":"2024-01","country":"US","share":1}]',
      [
        [1, "(row)", '"1" is not an object such as { "period": "2024-01", "country": "US", "share": 0.3 }'],
        [2, "(row)", '"x" is not an object such as { "period": "2024-01", "country": "US", "share": 0.3 }'],
        [3, "(row)", '"null" is not an object such as { "period": "2024-01", "country": "US", "share": 0.3 }'],
      ],
    ],
    [
      "values of the wrong type",
      '[{"period":202401,"country":{"toString":"x"},"share":[1]}]',
      [
        [1, "period", '"202401" is not a month as YYYY-MM'],
        [1, "country", '{"toString":"x"} is not a country name or code'],
        [1, "share", "[1] is not a number"],
      ],
    ],
  ])("refuses JSON with %s, naming the item", (_label, body, expected) => {
    expect(issuesOf("shares", body, "application/json", "f.json").map((i) => [i.line, i.column, i.message])).toEqual(expected);
  });
});
