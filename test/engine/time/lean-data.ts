/** Where LEAN's sample data lives: ../shared/data/lean relative to the repository root. */
import { fileURLToPath } from "node:url";
import { dirname, resolve } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
export const LEAN_DATA = resolve(here, "../../../../shared/data/lean");
export const MARKET_HOURS_JSON = resolve(LEAN_DATA, "market-hours/market-hours-database.json");
