/** A schedule context over LEAN's market hours file: SPY, AAPL (US equities) and SPX (index). */
import { MarketHoursDatabase, type ScheduleContext } from "../../../src/engine/time/index.ts";
import { MARKET_HOURS_JSON } from "./lean-data.ts";

export const NY = "America/New_York";
const db = MarketHoursDatabase.fromFile(MARKET_HOURS_JSON);

export function makeContext(utcNow?: number): ScheduleContext {
  return {
    timeZone: NY,
    hoursFor(symbol: unknown) {
      const ticker = typeof symbol === "string" ? symbol : (symbol as { value: string }).value;
      if (ticker === "SPY" || ticker === "AAPL") return db.get("Equity", "usa", ticker).exchangeHours;
      if (ticker === "SPX") return db.get("Index", "usa", ticker).exchangeHours;
      throw new Error(`unknown symbol ${ticker}`);
    },
    ...(utcNow === undefined ? {} : { utcNow: () => utcNow }),
  };
}

export const utc = (iso: string): number => Date.parse(iso);
export const iso = (ms: number): string => new Date(ms).toISOString().replace(".000Z", "Z");
