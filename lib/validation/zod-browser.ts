import { z } from "zod";

// In the browser, parse without zod's JIT: it probes `new Function`, which the CSP (lib/edge/security-headers.cjs)
// forbids, and Chromium reports the probe as a violation even though zod catches it. zod decides
// when an object schema is created, so a module that builds schemas the browser loads imports this
// first, before anything that builds one.
if (typeof window !== "undefined") z.config({ jitless: true });
