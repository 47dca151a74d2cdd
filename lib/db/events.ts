import { z } from "zod";
import { countriesOfJurisdiction } from "../validation/observations";
import { observationMetrics } from "../validation/vocabulary";
import { prisma } from "./client";
import { memo } from "./data-version";

// Sourced figures about historical shocks: the shock observations (one figure per row, grouped by
// event id) and the network events (around the 2021 China ban and later milestones).

const MetricSchema = z.enum(observationMetrics);

/** Every shock observation, in file order, with the countries its jurisdiction names. */
export function shockObservations() {
  return memo("shock-observations", async () => {
    const rows = await prisma().shockObservation.findMany({ orderBy: { id: "asc" } });
    return rows.map(({ id: _id, datasetId: _dataset, ...r }) => ({
      ...r,
      metric: MetricSchema.parse(r.metric),
      countries: countriesOfJurisdiction(r.jurisdiction),
    }));
  });
}

/** Every network-events row, by date. */
export function networkEventRows() {
  return memo("network-event-rows", async () => {
    const rows = await prisma().networkEvent.findMany({ orderBy: [{ date: "asc" }, { id: "asc" }] });
    return rows.map(({ id: _id, datasetId: _dataset, ...r }) => r);
  });
}
