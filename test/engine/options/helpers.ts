/** Test helpers for the option chain tests: the shared LEAN data folder and LEAN's market hours. */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DateTime } from "luxon";
import { SecurityType } from "../../../src/engine/common/security-type.ts";
import { MarketHoursDatabase, epochFromLocal, type ExchangeHours } from "../../../src/engine/time/index.ts";

const here = dirname(fileURLToPath(import.meta.url));
/** ../shared/data/lean relative to the repository root (test/engine/options is three levels down). */
export const LEAN_DATA = resolve(here, "../../../../shared/data/lean");

let database: MarketHoursDatabase | undefined;
export function leanMarketHours(): MarketHoursDatabase {
  return (database ??= MarketHoursDatabase.fromFile(join(LEAN_DATA, "market-hours", "market-hours-database.json")));
}

export function optionHours(ticker = "GOOG"): ExchangeHours {
  return leanMarketHours().get(SecurityType.Option, "usa", ticker).exchangeHours;
}

export const NY = "America/New_York";
export const ny = (date: number, hh: number, mm: number) => epochFromLocal(date, (hh * 60 + mm) * 60_000, NY);
export const isoNy = (ms: number) => DateTime.fromMillis(ms, { zone: NY }).toFormat("yyyy-MM-dd HH:mm");
