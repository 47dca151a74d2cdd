import "./jitless";

// The shapes the API answers with, each declared once: the OpenAPI document (/api/openapi.json), the
// browser's parse of every answer (components/api/answers.ts, by schema name: every schema is
// exported from here) and the TypeScript types all derive from them, and tests parse real responses
// with them, so none can drift from the behaviour. Never restate an answer's type by hand: take it,
// or a Pick of it, from here.

export * from "./backtests";
export * from "./metrics";
export * from "./network";
export * from "./reference";
export * from "./regions";
export * from "./risk";
export * from "./system";
