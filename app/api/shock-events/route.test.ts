import { describe, expect, it } from "vitest";
import { ShockEventsResponse } from "@/lib/validation/responses";
import { expectFieldError, get } from "@/tests/support/api";
import { GET } from "./route";

describe("GET /api/shock-events", () => {
  it("lists the historical shocks in date order with sources, filterable by country", async () => {
    const all = ShockEventsResponse.parse((await get(GET, "/api/shock-events")).body);
    expect(all.events.map((e) => e.slug)).toEqual(["china-ban-2021", "sichuan-shutdown-2021", "kazakhstan-blackout-2022", "xinjiang-shutdowns-2025"]);
    const kz = ShockEventsResponse.parse((await get(GET, "/api/shock-events?country=KZ")).body);
    expect(kz.events).toHaveLength(1);
    expect(kz.events[0]).toMatchObject({ kind: "blackout", date: "2022-01-05", countries: ["KZ"] });
    expectFieldError(await get(GET, "/api/shock-events?country=Kazakhstan"), 400, "country");
  });
});
