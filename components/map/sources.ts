// The names of the map's sources and images, which the map component uses from its first render;
// the layers and style built on them (layers.ts) load with maplibre.

export const COUNTRY_SOURCE = "countries";
export const SITE_SOURCE = "sites";
export const WORLD_GEOJSON_URL = "/geo/world.json";
export const HATCH_IMAGE = "hatch";
