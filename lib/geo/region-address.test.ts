import { describe, expect, it } from "vitest";
import { regionFromAddress } from "./region-address";
import { locateSite } from "./site-region";

describe("regionFromAddress", () => {
  it.each([
    ["US", "Rockdale, Milam County, TX", "US-TX"],
    ["US", "Rockdale, TX", "US-TX"],
    ["US", "Hansford County, TX (SPP)", "US-TX"],
    ["US", "Texas (town not stated)", "US-TX"],
    ["US", "West Texas (undisclosed greenfield site next to a wind farm)", "US-TX"],
    ["US", "Georgia (multiple sites; five rural sites bought Jun 2024, names not stated)", "US-GA"],
    ["US", "Washington, Wilkes County, GA", "US-GA"],
    ["US", "Washington State (town not stated in source)", "US-WA"],
    ["US", "College Park (Atlanta), GA", "US-GA"],
    ["US", "~7 mi north of Jamestown, ND", "US-ND"],
    ["US", "Mississippi (3 sites; towns not stated)", "US-MS"],
    ["CA", "Sherbrooke, QC (rue de la Pointe, ex-Sherwood plant)", "CA-QC"],
    ["CA", "Canal Flats, BC (Columbia Lake Technology Centre)", "CA-BC"],
    ["RU", "Bratsk, Irkutsk Oblast", "RU-IRK"],
    ["RU", "Mukhorshibir, Republic of Buryatia", "RU-BU"],
    ["KZ", "Ekibastuz, Pavlodar", "KZ-55"],
    ["SE", "near Porjus, Jokkmokk (Norrbotten)", "SE-BD"],
    ["NO", "Mo Industrial Park, Mo i Rana, Nordland", "NO-18"],
    ["OM", "Mirbat, Salalah (Dhofar)", "OM-ZU"],
    ["AE", "Mina Zayed, Abu Dhabi", "AE-AZ"],
    ["IS", "near Keflavík airport, Reykjanesbær", "IS-RKN"],
    ["PY", "Hernandarias, Alto Paraná (~2 km from Itaipu dam)", "PY-10"],
  ])("%s %j → %s", (country, address, code) => {
    expect(regionFromAddress(country, address)).toBe(code);
  });

  it.each<[string, string | null, string]>([
    ["US", "ND, MT, WY, CO oilfields (multiple well pads)", "several states by code"],
    ["US", "Texas and Oklahoma sites, TX, OK", "two states by code"],
    ["PY", "Paraguay (town not stated)", "no region named"],
    ["BR", "Brazil (site undisclosed)", "no region named"],
    ["US", "Sherbrooke, QC", "another country's province"],
    ["US", "", "empty"],
    ["US", null, "none"],
    ["FR", "de la Gare, la Défense", "lower-case words are not codes"],
  ])("%s %j → nothing (%s)", (country, address) => {
    expect(regionFromAddress(country, address)).toBeUndefined();
  });
});

describe("locateSite", () => {
  const inTexas = () => "US-TX";
  const nowhere = () => null;
  const noPolygons = () => undefined;
  it.each([
    ["a point in a polygon", { lat: 30.6, lon: -97, locality: "Somewhere, OK" }, inTexas, { regionCode: "US-TX", regionMethod: "polygon" }],
    ["a point outside every polygon", { lat: 30.6, lon: -97, locality: "Somewhere, OK" }, nowhere, { regionCode: "US-OK", regionMethod: "address" }],
    ["a country without polygons", { lat: 30.6, lon: -97, locality: "Somewhere, OK" }, noPolygons, { regionCode: "US-OK", regionMethod: "address" }],
    ["no coordinates", { lat: null, lon: null, locality: "Texas (town not stated)" }, inTexas, { regionCode: "US-TX", regionMethod: "address" }],
    ["neither", { lat: null, lon: null, locality: "somewhere" }, inTexas, { regionCode: null, regionMethod: null }],
  ] as const)("%s", (_, site, atPoint, expected) => {
    expect(locateSite({ countryIso2: "US", ...site }, atPoint)).toEqual(expected);
  });
});
