import { z } from "zod";

// In the browser, parse without zod's JIT: it probes `new Function`, which the CSP (lib/edge/security-headers.cjs)
// forbids, and Chromium reports the probe as a violation even though zod catches it. zod decides when
// an object schema is created, so every module here imports this one before declaring any.
if (typeof window !== "undefined") z.config({ jitless: true });
