import { formatEh, formatMw } from "@/lib/view/format";

/**
 * The site popup, built as DOM nodes (never HTML strings): site names and URLs come from data files
 * and imports, so nothing in them may become markup.
 */
export function sitePopupContent(properties: Record<string, unknown>): HTMLElement {
  const text = (key: string) => {
    const value = properties[key];
    return typeof value === "string" ? value : "";
  };
  const number = (key: string) => {
    const value = properties[key];
    return typeof value === "number" ? value : null;
  };
  const root = document.createElement("div");
  root.className = "site-popup-body";
  root.setAttribute("data-testid", "site-popup");
  const title = document.createElement("strong");
  title.textContent = text("name");
  root.append(title);
  const facts = document.createElement("dl");
  const add = (label: string, value: string) => {
    const dt = document.createElement("dt");
    dt.textContent = label;
    const dd = document.createElement("dd");
    dd.textContent = value;
    facts.append(dt, dd);
  };
  add("Operator", text("operator"));
  add("Capacity", properties.capacityKnown === true ? formatMw(number("capacityMw")) : "undisclosed");
  add("Hashrate", number("hashrateEh") === null ? "not stated" : formatEh(number("hashrateEh")));
  add("Status", text("status"));
  add("Energy", text("energySource") || "not stated");
  root.append(facts);
  const url = text("sourceUrl");
  if (/^https?:\/\//.test(url)) {
    const link = document.createElement("a");
    link.href = url;
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    link.textContent = "Source";
    root.append(link);
  }
  return root;
}
