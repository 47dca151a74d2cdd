// The body of POST /api/simulate is a scenario; its one schema is lib/scenario/schema.ts. This name
// stays for the API's own modules (the route and the OpenAPI document).
export { ScenarioBody as SimulateBody } from "../scenario/schema";
