import { BEST_ESTIMATE_DATASET } from "../metrics/best-estimate";
import { DEFAULT_EFFICIENCY_J_PER_TH } from "../metrics/energy";
import { BLOCKS_PER_EPOCH } from "../metrics/shock";
import { DEFAULT_HORIZON_DAYS, MAX_HORIZON_DAYS } from "../simulate/simulate";

// The limits and defaults of a scenario, named once. The model's own constants (epoch length,
// horizon, fleet efficiency) are the engine's; this module only derives from them. No zod, so the
// dashboard can use it in its first load.

export { DEFAULT_EFFICIENCY_J_PER_TH, DEFAULT_HORIZON_DAYS, MAX_HORIZON_DAYS };

/** The shares dataset a scenario, a dashboard link or an API call reads when it names none: the best estimate. */
export const DEFAULT_SHARES_DATASET = BEST_ESTIMATE_DATASET;

/** Blocks of the current epoch mined when the shock hits: 0 … BLOCKS_PER_EPOCH − 1 (2015); the next block retargets. */
export const MAX_BLOCKS_INTO_EPOCH = BLOCKS_PER_EPOCH - 1;
export const DEFAULT_BLOCKS_INTO_EPOCH = 0;

export const MIN_HORIZON_DAYS = 1;

/** Fleet efficiency in J/TH a request may assume. */
export const MIN_EFFICIENCY_J_PER_TH = 1;
export const MAX_EFFICIENCY_J_PER_TH = 200;

/** Items one scenario may name: countries, blocs, regions, presets, sites, operators (the world has ~250 countries, plus the rest). */
export const MAX_SHUTDOWN_ITEMS = 300;
/** A mining site's id in a shutdown item (site:<id>): the database's positive 32-bit integer key. */
export const MAX_SITE_ID = 2_147_483_647;
/** Characters of an operator's name in a shutdown item (op:<name>); the seed's longest is about 70. */
export const MAX_OPERATOR_NAME_CHARS = 120;
/** Countries migrating hashrate may be limited to. */
export const MAX_MIGRATION_DESTINATIONS = 300;

export const MIGRATION_WEIGHTINGS = ["proportional", "cheap-power"] as const;
/** Days over which migrating hashrate comes back, and the delay before it starts, when a request leaves them out. */
export const DEFAULT_MIGRATION_DAYS = 30;
export const DEFAULT_MIGRATION_DELAY_DAYS = 0;
