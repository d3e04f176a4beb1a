// The daily inputs of the bot's model and of the parameter research, computed one way for
// research and live: sessions (close, close time, realised variance from minute bars) from a LEAN
// data folder, the at-the-money implied volatility of a day's option universe, realised
// volatility over recent sessions, and the model's feature row.
// Reads through the engine's data readers; knows nothing of the algorithm or the store.
import { readLeanBars, DataNormalizationMode, OPTION_RIGHT_CALL, OPTION_RIGHT_PUT, type OptionUniverse } from "../../engine/data/index.ts";
import { dayNumberFromDateKey, epochFromLocal, localDateKey } from "../../engine/time/index.ts";

export const TRADING_DAYS_PER_YEAR = 252;

export interface Session {
  /** local date, yyyymmdd */
  date: number;
  open: number;
  close: number;
  /** epoch ms of the session's last minute bar's end (16:00, or 13:00 on an early close) */
  closeTime: number;
  /** Σ of squared one-minute log returns of the close within the session */
  intradayVariance: number;
  /** ln(open / previous close); 0 on the first session */
  overnightReturn: number;
}

export interface ReadSessionsOptions {
  dataFolder: string;
  ticker: string;
  /** yyyymmdd, inclusive (default: the whole daily file) */
  startDate?: number;
  endDate?: number;
  timeZone?: string;
}

/**
 * The sessions of `ticker`: closes from the daily file, intraday variance and close times from the
 * minute files (raw prices: the factor file of an option underlying is not applied).
 * A day with a daily bar but no minute file is an error: the two must agree.
 */
export function readSessions(options: ReadSessionsOptions): Session[] {
  const zone = options.timeZone ?? "America/New_York";
  const epochFromLocalZone = (date: number, ms: number) => epochFromLocal(date, ms, zone);
  const startDate = options.startDate ?? 19700101;
  const endDate = options.endDate ?? 20501231;
  const daily: { date: number; open: number; close: number }[] = [];
  for (const chunk of readLeanBars({ dataFolder: options.dataFolder, ticker: options.ticker, resolution: "daily", normalization: DataNormalizationMode.Raw, startDate, endDate, epochFromLocal: epochFromLocalZone })) {
    if (chunk.kind !== "trade") continue;
    for (let i = 0; i < chunk.count; i++) {
      // daily bars start at the open: their local date is the session's
      const date = localDateKey(chunk.time[i], zone);
      daily.push({ date, open: chunk.open[i], close: chunk.close[i] });
    }
  }
  if (daily.length === 0) return [];
  const minute = new Map<number, { closeTime: number; variance: number }>();
  for (const chunk of readLeanBars({
    dataFolder: options.dataFolder,
    ticker: options.ticker,
    resolution: "minute",
    normalization: DataNormalizationMode.Raw,
    startDate: daily[0].date,
    endDate: daily[daily.length - 1].date,
    epochFromLocal: epochFromLocalZone,
  })) {
    if (chunk.kind !== "trade" || chunk.count === 0) continue;
    let variance = 0;
    for (let i = 1; i < chunk.count; i++) variance += Math.log(chunk.close[i] / chunk.close[i - 1]) ** 2;
    minute.set(chunk.date, { closeTime: chunk.endTime[chunk.count - 1], variance });
  }
  return daily.map((day, i) => {
    const m = minute.get(day.date);
    if (!m) throw new Error(`${options.ticker.toUpperCase()} ${day.date}: a daily bar but no minute bars in ${options.dataFolder}`);
    return {
      date: day.date,
      open: day.open,
      close: day.close,
      closeTime: m.closeTime,
      intradayVariance: m.variance,
      overnightReturn: i === 0 ? 0 : Math.log(day.open / daily[i - 1].close),
    };
  });
}

/**
 * Annualised realised volatility over the last `lookback` sessions up to and including `index`
 * (fewer at the start): sqrt(252 × mean(intraday variance + overnight return²)).
 */
export function realisedVolatility(sessions: readonly Session[], index: number, lookback = 10): number {
  const from = Math.max(0, index - lookback + 1);
  let sum = 0;
  for (let k = from; k <= index; k++) sum += sessions[k].intradayVariance + sessions[k].overnightReturn ** 2;
  return Math.sqrt((TRADING_DAYS_PER_YEAR * sum) / (index - from + 1));
}

/** Calendar days from one yyyymmdd to another. */
export function daysBetween(fromDate: number, toDate: number): number {
  return dayNumberFromDateKey(toDate) - dayNumberFromDateKey(fromDate);
}

/**
 * The at-the-money implied volatility of a day's universe: the expiry closest to `targetDays`
 * calendar days away (at least 7), the strike closest to the underlying's close, the mean of the
 * call's and the put's implied volatility there (either alone if the other is missing).
 * NaN when the universe has no such contract.
 */
export function atmImpliedVolatility(universe: OptionUniverse, targetDays = 30): number {
  const spot = universe.underlying.close;
  let bestExpiry = 0;
  let bestDistance = Infinity;
  for (let i = 0; i < universe.count; i++) {
    const dte = daysBetween(universe.date, universe.expiry[i]);
    if (dte < 7) continue;
    const distance = Math.abs(dte - targetDays);
    if (distance < bestDistance || (distance === bestDistance && universe.expiry[i] < bestExpiry)) {
      bestDistance = distance;
      bestExpiry = universe.expiry[i];
    }
  }
  if (bestExpiry === 0) return NaN;
  let bestStrike = NaN;
  for (let i = 0; i < universe.count; i++) {
    if (universe.expiry[i] !== bestExpiry) continue;
    if (Number.isNaN(bestStrike) || Math.abs(universe.strike[i] - spot) < Math.abs(bestStrike - spot)) bestStrike = universe.strike[i];
  }
  const ivs: number[] = [];
  for (let i = 0; i < universe.count; i++) {
    if (universe.expiry[i] !== bestExpiry || universe.strike[i] !== bestStrike) continue;
    if ((universe.right[i] === OPTION_RIGHT_CALL || universe.right[i] === OPTION_RIGHT_PUT) && Number.isFinite(universe.impliedVolatility[i])) {
      ivs.push(universe.impliedVolatility[i]);
    }
  }
  return ivs.length === 0 ? NaN : ivs.reduce((a, b) => a + b, 0) / ivs.length;
}

export interface FeatureInputs {
  /** the normalised scores (-1..1) of the headlines published since the previous close */
  headlineScores: readonly number[];
  /** the session's return, close / previous close - 1 (0 without a previous close) */
  return1d: number;
  /** ATM implied volatility at the close (atmImpliedVolatility) */
  atmIv: number;
  /** realised volatility up to the close (realisedVolatility) */
  realisedVol: number;
}

/** The model's feature row, in SENTIMENT_MODEL_FEATURES order. */
export function featureRow(inputs: FeatureInputs): number[] {
  const n = inputs.headlineScores.length;
  const mean = n === 0 ? 0 : inputs.headlineScores.reduce((a, b) => a + b, 0) / n;
  return [mean, n, inputs.return1d, inputs.atmIv - inputs.realisedVol];
}
