import { MAX_OPERATOR_NAME_CHARS, MAX_SITE_ID } from "./limits";

// What one shutdown item names, as one canonical string: the item's `id` in a scenario, in a JSON
// body and — with an operator's name escaped — in a link. One namespace for every level:
//   CN            a country (ISO 3166-1 alpha-2), a bloc (EAEU) or a region-group preset (ERCOT):
//                 a letter and 1–15 letters or digits, upper case; the service tells them apart
//   US-TX         a region (ISO 3166-2: the country's alpha-2, a hyphen, 1–3 letters or digits)
//   site:12       a mining site, by its id
//   op:Hut 8      every site of an operator, by its name as the sites list spells it
// Letters are read in any case: ids and region codes are upper-cased, the prefixes lower-cased, an
// operator's name is kept as written (trimmed). No zod: the dashboard formats links with it.

export type ShutdownTarget =
  { kind: "id"; id: string } | { kind: "region"; code: string; country: string } | { kind: "site"; site: number } | { kind: "operator"; operator: string };

export type RefReading = { ref: string; target: ShutdownTarget } | { problem: string };

export const SITE_PREFIX = "site:";
export const OPERATOR_PREFIX = "op:";

const ID = /^[A-Z][A-Z0-9]{1,15}$/;
const REGION = /^([A-Z]{2})-[A-Z0-9]{1,3}$/;
const SITE = /^site:(.*)$/is;
const OPERATOR = /^op:(.*)$/is;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** What a reference may be, for messages and API descriptions. */
export const REF_SYNTAX = "an ISO alpha-2 code (CN), a bloc or preset id (EAEU, ERCOT), an ISO 3166-2 region code (US-TX), site:<id> or op:<operator name>";

const SITE_PROBLEM = `site:<id> needs a whole number from 1 to ${MAX_SITE_ID}`;

function readSite(text: string): RefReading {
  const site = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(site) || site < 1 || site > MAX_SITE_ID) return { problem: SITE_PROBLEM };
  return { ref: `${SITE_PREFIX}${site}`, target: { kind: "site", site } };
}

function readOperator(text: string): RefReading {
  const operator = text.trim();
  if (operator === "") return { problem: "op:<operator name> needs a name" };
  if (operator.length > MAX_OPERATOR_NAME_CHARS) return { problem: `an operator's name may have at most ${MAX_OPERATOR_NAME_CHARS} characters` };
  if (CONTROL.test(operator)) return { problem: "an operator's name may not hold control characters" };
  return { ref: `${OPERATOR_PREFIX}${operator}`, target: { kind: "operator", operator } };
}

/** A reference as a JSON body or a parsed link gives it → its canonical form and what it names, or why it cannot be read. */
export function readShutdownRef(text: string): RefReading {
  const t = text.trim();
  const site = SITE.exec(t);
  if (site) return readSite(site[1] ?? "");
  const op = OPERATOR.exec(t);
  if (op) return readOperator(op[1] ?? "");
  const upper = t.toUpperCase();
  const country = REGION.exec(upper)?.[1];
  if (country) return { ref: upper, target: { kind: "region", code: upper, country } };
  // In a link "SITE:0.5" would read as a site, so no country, bloc or preset may be called SITE or OP.
  if (upper === "SITE" || upper === "OP") return { problem: `${upper} is reserved: write site:<id> or op:<operator name>` };
  if (ID.test(upper)) return { ref: upper, target: { kind: "id", id: upper } };
  return { problem: `must be ${REF_SYNTAX}` };
}

/** What a canonical reference (a ScenarioItem's id) names; throws on a reference that was never read (a bug, not input). */
export function shutdownTarget(ref: string): ShutdownTarget {
  const read = readShutdownRef(ref);
  if ("problem" in read) throw new Error(`"${ref}" is not a shutdown reference: ${read.problem}`);
  return read.target;
}

/** The canonical reference of a target. */
export function shutdownRefOf(target: ShutdownTarget): string {
  switch (target.kind) {
    case "id":
      return target.id;
    case "region":
      return target.code;
    case "site":
      return `${SITE_PREFIX}${target.site}`;
    case "operator":
      return `${OPERATOR_PREFIX}${target.operator}`;
  }
}

// ---- The link's text form: items joined by "," each with an optional ":fraction", so an operator's
// name escapes the three characters that would end it early: "%" → %25, "," → %2C, ":" → %3A. The
// text then goes through URL encoding like any query value (a space becomes "+"), and back.

export const NUMBER = String.raw`\d+(?:\.\d*)?|\.\d+`;
const ID_TEXT = new RegExp(`^([A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)?)(?::(${NUMBER}))?$`);
const SITE_TEXT = new RegExp(`^site:(\\d+)(?::(${NUMBER}))?$`, "i");
const OPERATOR_TEXT = new RegExp(`^op:([^:]*)(?::(${NUMBER}))?$`, "i");

const escapeName = (name: string) => name.replace(/[%,:]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** A reference's word in a link (without its fraction). */
export function refText(ref: string): string {
  return ref.startsWith(OPERATOR_PREFIX) ? `${OPERATOR_PREFIX}${escapeName(ref.slice(OPERATOR_PREFIX.length))}` : ref;
}

export type TextItem = { id: string; fraction: number };

/**
 * One item of a link's list → its reference (unescaped, not yet checked: readShutdownRef does) and
 * fraction (1 when left out), or why the text is not an item.
 */
export function readItemText(part: string): TextItem | { problem: string } {
  const fractionOf = (text: string | undefined) => (text === undefined ? 1 : Number(text));
  if (/^site:/i.test(part)) {
    const m = SITE_TEXT.exec(part);
    return m ? { id: `${SITE_PREFIX}${m[1] ?? ""}`, fraction: fractionOf(m[2]) } : { problem: "is not site:<id> or site:<id>:fraction" };
  }
  if (/^op:/i.test(part)) {
    const m = OPERATOR_TEXT.exec(part);
    if (!m) return { problem: 'is not op:<name> or op:<name>:fraction (write "%", "," and ":" in a name as %25, %2C and %3A)' };
    try {
      return { id: `${OPERATOR_PREFIX}${decodeURIComponent(m[1] ?? "")}`, fraction: fractionOf(m[2]) };
    } catch {
      return { problem: 'has a "%" that is not an escape (%25, %2C, %3A)' };
    }
  }
  const m = ID_TEXT.exec(part);
  return m ? { id: m[1] ?? "", fraction: fractionOf(m[2]) } : { problem: "is not an id or id:fraction" };
}
