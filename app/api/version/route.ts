import { handler, json } from "@/lib/api/respond";
import { appVersion } from "@/lib/version";

export const dynamic = "force-dynamic";

/** The app's trivial JSON route: no IO. Benchmarks use it as their baseline. */
export const GET = handler(() => json({ name: "hashatlas", version: appVersion() }));
