import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RenderedAnswers, useJson } from "./useJson";

// On the server (no window here) one process renders every request: what one render was handed
// must not leak into the next, or an import between them makes the server render stale numbers
// that the browser then hydrates differently (React error #418).

const URL = "/api/power-prices";

function Prices() {
  const { data, loading } = useJson(URL, "PowerPricesResponse");
  return createElement("output", null, loading ? "loading" : String(data?.count));
}

const render = (answers: [string, unknown][]) => renderToString(createElement(RenderedAnswers.Provider, { value: new Map(answers) }, createElement(Prices)));

describe("useJson on the server", () => {
  it("renders each request with the answers handed to that render", () => {
    expect(render([[URL, { count: 1, prices: [] }]])).toBe("<output>1</output>");
    expect(render([[URL, { count: 2, prices: [] }]])).toBe("<output>2</output>");
  });

  it("remembers nothing between renders", () => {
    render([[URL, { count: 3, prices: [] }]]);
    expect(render([])).toBe("<output>loading</output>");
  });
});
