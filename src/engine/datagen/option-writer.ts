/**
 * Writes the ETF's option chain in LEAN's option layout, one trading day at a time:
 * - `option/usa/minute/<t>/<date>_quote_american.zip`: minute quote bars of the contracts near
 *   the money and near expiry (the "minute band", decided each morning from the previous close),
 *   a row when the bid or ask changed (LEAN's files omit unchanged minutes), and an unchanged quote again every 30 minutes;
 * - `<date>_trade_american.zip`: minute trade bars of those contracts, only in minutes with trades;
 * - `<date>_openinterest_american.zip`: one row per contract at 06:30 (LEAN's time), the morning's
 *   open interest;
 * - `option/usa/universes/<t>/<date>.csv`: the whole listed chain (expiries after the date), with
 *   the day's OHLC of the mid, volume, open interest, implied volatility and Greeks at the close.
 *
 * Prices: Black-Scholes on the volatility surface (volatility-surface.ts) at the minute's
 * underlying price and variance, floored at intrinsic value; the market maker's spread widens
 * with the premium, with distance from the money and in the last two days; bid rounds down and
 * ask rounds up to the cent, so the mid is within half a cent of the model price, bid < ask, and a
 * bid that would be zero is left empty (as LEAN's files show a missing side).
 */
import { join } from "node:path";
import { optionDayEntryName, optionDayZipPath, optionUniversePath, type OptionContractId } from "../data/lean-paths.ts";
import type { ExchangeHours } from "../time/index.ts";
import { bsmGreeks, bsmPrice, createBsmResult } from "./black-scholes.ts";
import type { DailyBar, WrittenFiles } from "./equity-writer.ts";
import { expiriesBetween, listedExpiries, type Expiry } from "./expiries.ts";
import type { SimulatedDay } from "./market-model.ts";
import { Random } from "./random.ts";
import { DEFAULT_SURFACE, impliedVolatility, type VolatilitySurfaceParameters } from "./volatility-surface.ts";
import { writeText, writeZip, type TextEntry } from "./zip-writer.ts";

export interface OptionChainParameters {
  /** Continuously compounded risk-free rate used for pricing (also written as the interest-rate file). */
  riskFreeRate: number;
  weeklyHorizonDays: number;
  monthlyHorizonDays: number;
  /** Strikes listed within this fraction of the price (the universe file). */
  chainStrikeRange: number;
  /** Minute files: strikes within this fraction of the previous close ... */
  minuteStrikeRange: number;
  /** ... and at most this many calendar days to expiry. */
  minuteMaxDays: number;
  /** Contracts traded per day in an at-the-money front-week contract. */
  frontVolume: number;
  surface: VolatilitySurfaceParameters;
}

export const DEFAULT_OPTION_CHAIN: OptionChainParameters = {
  riskFreeRate: 0.045,
  weeklyHorizonDays: 35,
  monthlyHorizonDays: 95,
  chainStrikeRange: 0.15,
  minuteStrikeRange: 0.1,
  minuteMaxDays: 50,
  frontVolume: 2500,
  surface: DEFAULT_SURFACE,
};

export const YEAR_MS = 365 * 86_400_000;
/** LEAN's open interest rows carry 06:30. */
export const OPEN_INTEREST_TIME = 23_400_000;

/** Strike spacing: $1 up to $250, $5 above (as index ETF chains list near the money). */
export function strikeStep(price: number): number {
  return price < 25 ? 0.5 : price < 250 ? 1 : 5;
}

/** The quote a market maker shows for a model price, in cents; bid 0 = no bid. */
export interface OptionQuote {
  bid: number;
  ask: number;
}

/**
 * Bid and ask in cents around a model price `theo` (already floored at intrinsic value):
 * spread = (1c + 0.7% of the premium) x (1 + 0.15 min(|z|, 4)) plus 1c in the last two days,
 * where z is the standardised moneyness. Bid never below the intrinsic value's cent.
 */
export function quoteFor(theo: number, intrinsic: number, absZ: number, years: number, out: OptionQuote): OptionQuote {
  const spread = (0.01 + 0.007 * theo) * (1 + 0.15 * Math.min(absZ, 4)) + (years < 2 / 365 ? 0.01 : 0);
  const half = spread / 2;
  let bid = Math.floor((theo - half) * 100 + 1e-7);
  let ask = Math.ceil((theo + half) * 100 - 1e-7);
  const intrinsicCents = Math.floor(intrinsic * 100 + 1e-7);
  if (bid < intrinsicCents) bid = intrinsicCents;
  if (ask < 1) ask = 1;
  if (ask <= bid) ask = bid + 1;
  out.bid = bid < 0 ? 0 : bid;
  out.ask = ask;
  return out;
}

interface Contract extends OptionContractId {
  isCall: boolean;
  expiryInfo: Expiry;
  expiryEpoch: number;
  key: string;
}

/** What carries from one day to the next: listed strikes per expiry and each contract's listing. */
export class OptionChainState {
  readonly strikes = new Map<number, Set<number>>();
  readonly listing = new Map<string, { dayNumber: number; moneyness: number }>();
  private readonly expiryEpochs = new Map<number, number>();
  readonly expiries: Expiry[];

  constructor(
    readonly hours: ExchangeHours,
    firstDay: number,
    lastDay: number,
    readonly parameters: OptionChainParameters,
  ) {
    this.expiries = expiriesBetween(firstDay, lastDay + parameters.monthlyHorizonDays + 7, hours);
  }

  expiryEpoch(expiry: Expiry): number {
    let epoch = this.expiryEpochs.get(expiry.date);
    if (epoch === undefined) {
      epoch = this.hours.marketClose(expiry.date) ?? this.hours.epochFromLocalDay(expiry.dayNumber, 16 * 3_600_000);
      this.expiryEpochs.set(expiry.date, epoch);
    }
    return epoch;
  }

  /** Lists the day's contracts: expiries in the horizons, new strikes added around `price`. */
  listContracts(dayNumber: number, price: number): Contract[] {
    const p = this.parameters;
    const step = strikeStep(price);
    const low = Math.ceil((price * (1 - p.chainStrikeRange)) / step) * step;
    const high = Math.floor((price * (1 + p.chainStrikeRange)) / step) * step;
    const contracts: Contract[] = [];
    for (const expiry of listedExpiries(this.expiries, dayNumber, p.weeklyHorizonDays, p.monthlyHorizonDays)) {
      let set = this.strikes.get(expiry.date);
      if (!set) {
        set = new Set();
        this.strikes.set(expiry.date, set);
      }
      for (let k = low; k <= high + 1e-9; k += step) set.add(Math.round(k * 10000) / 10000);
      const strikes = [...set].sort((a, b) => a - b);
      const expiryEpoch = this.expiryEpoch(expiry);
      for (const right of ["call", "put"] as const) {
        for (const strike of strikes) {
          const key = `${right}:${strike}:${expiry.date}`;
          if (!this.listing.has(key)) this.listing.set(key, { dayNumber, moneyness: Math.log(strike / price) });
          contracts.push({ right, strike, expiry: expiry.date, isCall: right === "call", expiryInfo: expiry, expiryEpoch, key });
        }
      }
    }
    return contracts;
  }
}

/** Model price floored at intrinsic, and the surface vol used. */
function theoretical(c: Contract, spot: number, years: number, rate: number, variance: number, surface: VolatilitySurfaceParameters): { theo: number; intrinsic: number; absZ: number } {
  const intrinsic = Math.max(c.isCall ? spot - c.strike : c.strike - spot, 0);
  if (years <= 0) return { theo: intrinsic, intrinsic, absZ: 10 };
  const sigma = impliedVolatility(spot, c.strike, years, rate, variance, surface);
  const theo = Math.max(bsmPrice(c.isCall, spot, c.strike, years, rate, sigma), intrinsic);
  const absZ = Math.abs((Math.log(c.strike / spot) - rate * years) / (sigma * Math.sqrt(years)));
  return { theo, intrinsic, absZ };
}

/** Expected contracts traded in a day: most at the money and in the front week, puts more than calls. */
function expectedVolume(c: Contract, absZ: number, daysToExpiry: number, frontVolume: number): number {
  return frontVolume * Math.exp(-0.7 * Math.min(absZ, 8)) * (7 / (7 + daysToExpiry)) * (c.isCall ? 1 : 1.25) * (c.expiryInfo.monthly ? 1.4 : 1);
}

/** Morning open interest: ramps up over the first ten days listed, largest for strikes listed near the money. */
function openInterestOf(seed: number, c: Contract, dayNumber: number, listing: { dayNumber: number; moneyness: number }, frontVolume: number): number {
  const random = Random.stream(seed, `oi:${c.key}:${dayNumber}`);
  const peak = frontVolume * 8 * Math.exp(-Math.abs(listing.moneyness) / 0.05) * (c.expiryInfo.monthly ? 2.5 : 1) * (c.isCall ? 0.8 : 1);
  const age = dayNumber - listing.dayNumber;
  return Math.round(peak * Math.min(1, (age + 1) / 10) * Math.exp(0.12 * random.normal()));
}

function fixed4(x: number): string {
  return x.toFixed(4);
}

function fixed7(x: number): string {
  const s = x.toFixed(7);
  return s === "-0.0000000" ? "0.0000000" : s;
}

/** Writes one day's option zips and universe file. */
/** minutes between repeated rows of an unchanged quote */
export const QUOTE_HEARTBEAT_MINUTES = 30;

export function writeOptionDay(folder: string, ticker: string, day: SimulatedDay, daily: DailyBar, previousClose: number, state: OptionChainState, seed: number): WrittenFiles {
  const p = state.parameters;
  const s = day.session;
  const n = s.minutes;
  const rate = p.riskFreeRate;
  const random = Random.stream(seed, `options:${s.date}`);
  const contracts = state.listContracts(s.dayNumber, previousClose);
  const quoteEntries: TextEntry[] = [];
  const tradeEntries: TextEntry[] = [];
  const oiEntries: TextEntry[] = [];
  const quote: OptionQuote = { bid: 0, ask: 0 };
  const greeks = createBsmResult();
  const callRows: string[] = [];
  const putRows: string[] = [];
  const closeYears = (c: Contract) => (c.expiryEpoch - s.closeEpoch) / YEAR_MS;
  const openYears = (c: Contract) => (c.expiryEpoch - s.openEpoch) / YEAR_MS;
  const sorted = [...contracts].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const stats = new Map<string, { open: number; high: number; low: number; close: number; volume: number; oi: number }>();

  for (const c of sorted) {
    const daysToExpiry = c.expiryInfo.dayNumber - s.dayNumber;
    const listing = state.listing.get(c.key)!;
    const oi = openInterestOf(seed, c, s.dayNumber, listing, p.frontVolume);
    const inBand = daysToExpiry <= p.minuteMaxDays && Math.abs(c.strike / previousClose - 1) <= p.minuteStrikeRange;
    if (!inBand) {
      if (daysToExpiry === 0) continue; // expiring today and not in the minute files: nothing to write
      const o = theoretical(c, day.open[0], openYears(c), rate, day.openVariance, p.surface);
      const cl = theoretical(c, day.close[n - 1], closeYears(c), rate, day.variance[n - 1], p.surface);
      const hi = theoretical(c, daily.high / 100, closeYears(c), rate, day.variance[n - 1], p.surface).theo;
      const lo = theoretical(c, daily.low / 100, closeYears(c), rate, day.variance[n - 1], p.surface).theo;
      const expected = expectedVolume(c, o.absZ, daysToExpiry, p.frontVolume);
      const volume = random.poisson(expected * 0.6);
      // Off the minute band the day's prices are model mids, on the half-cent grid quotes' mids live on.
      const mid = (x: number) => Math.round(x * 200) / 200;
      stats.set(c.key, {
        open: mid(o.theo),
        high: mid(Math.max(o.theo, cl.theo, hi, lo)),
        low: mid(Math.min(o.theo, cl.theo, hi, lo)),
        close: mid(cl.theo),
        volume,
        oi,
      });
      continue;
    }
    // Minute band: quotes every minute the bid or ask changes, trades in some minutes.
    const quoteRows: string[] = [];
    const tradeRows: string[] = [];
    const first = theoretical(c, day.open[0], openYears(c), rate, day.openVariance, p.surface);
    quoteFor(first.theo, first.intrinsic, first.absZ, openYears(c), quote);
    let prevBid = quote.bid;
    let prevAsk = quote.ask;
    let lastSizes: [number, number] = [1, 1];
    let midHigh = -Infinity;
    let midLow = Infinity;
    const midOpen = (prevBid > 0 ? prevBid + prevAsk : prevAsk) / 200;
    let midClose = midOpen;
    const expected = expectedVolume(c, first.absZ, daysToExpiry, p.frontVolume);
    const tradeMinutes = Math.min(0.35 * n, expected / 20);
    const tradeProbability = tradeMinutes / n;
    const tradeSize = tradeMinutes > 0 ? expected / tradeMinutes : 0;
    let volume = 0;
    for (let i = 0; i < n; i++) {
      const time = s.openLocal + i * 60_000;
      const years = (c.expiryEpoch - (s.openEpoch + (i + 1) * 60_000)) / YEAR_MS;
      const t = theoretical(c, day.close[i], years, rate, day.variance[i], p.surface);
      quoteFor(t.theo, t.intrinsic, t.absZ, years, quote);
      const bid = quote.bid;
      const ask = quote.ask;
      if (i === 0 || bid !== prevBid || ask !== prevAsk) {
        const bidSize = 1 + Math.floor(-Math.log(random.nextOpen()) * 40);
        const askSize = 1 + Math.floor(-Math.log(random.nextOpen()) * 40);
        lastSizes = [bidSize, askSize];
        const bidPart =
          bid > 0
            ? `${(prevBid > 0 ? prevBid : bid) * 100},${Math.max(prevBid, bid) * 100},${(prevBid > 0 ? Math.min(prevBid, bid) : bid) * 100},${bid * 100},${bidSize}`
            : `,,,,0`;
        const askPart = `${prevAsk * 100},${Math.max(prevAsk, ask) * 100},${Math.min(prevAsk, ask) * 100},${ask * 100},${askSize}`;
        quoteRows.push(`${time},${bidPart},${askPart}`);
      } else if (i % QUOTE_HEARTBEAT_MINUTES === 0) {
        // an unchanged quote is repeated every half hour, sizes as last quoted (no new random
        // draws, so the rest of the data set is unchanged): a quiet contract's quote never goes
        // an hour old, after which LEAN's fill models wait for fresh data
        const bidPart = bid > 0 ? `${bid * 100},${bid * 100},${bid * 100},${bid * 100},${lastSizes[0]}` : `,,,,0`;
        quoteRows.push(`${time},${bidPart},${ask * 100},${ask * 100},${ask * 100},${ask * 100},${lastSizes[1]}`);
      }
      const mid = (bid > 0 ? bid + ask : ask) / 200;
      if (mid > midHigh) midHigh = mid;
      if (mid < midLow) midLow = mid;
      midClose = mid;
      if (tradeProbability > 0 && random.next() < tradeProbability) {
        const size = Math.max(1, Math.round(tradeSize * Math.exp(0.7 * random.normal() - 0.245)));
        const priceOf = (u: number) => (bid <= 0 ? ask : u < 0.4 ? bid : u < 0.8 ? ask : Math.round((bid + ask) / 2));
        const firstPrice = priceOf(random.next());
        const lastPrice = size >= 3 ? priceOf(random.next()) : firstPrice;
        tradeRows.push(`${time},${firstPrice * 100},${Math.max(firstPrice, lastPrice) * 100},${Math.min(firstPrice, lastPrice) * 100},${lastPrice * 100},${size}`);
        volume += size;
      }
      prevBid = bid;
      prevAsk = ask;
    }
    quoteEntries.push({ name: optionDayEntryName(s.date, ticker, "minute", "quote", c), text: quoteRows.join("\n") + "\n" });
    if (tradeRows.length > 0) tradeEntries.push({ name: optionDayEntryName(s.date, ticker, "minute", "trade", c), text: tradeRows.join("\n") + "\n" });
    oiEntries.push({ name: optionDayEntryName(s.date, ticker, "minute", "openinterest", c), text: `${OPEN_INTEREST_TIME},${oi}\n` });
    stats.set(c.key, { open: midOpen, high: Math.max(midHigh, midOpen), low: Math.min(midLow, midOpen), close: midClose, volume, oi });
  }

  // The universe: every listed contract expiring after today, calls then puts, by expiry and strike.
  const spotClose = day.close[n - 1];
  const varianceClose = day.variance[n - 1];
  const byChain = [...contracts].filter((c) => c.expiryInfo.dayNumber > s.dayNumber);
  byChain.sort((a, b) => a.expiry - b.expiry || a.strike - b.strike);
  for (const c of byChain) {
    const st = stats.get(c.key)!;
    const years = closeYears(c);
    const sigma = impliedVolatility(spotClose, c.strike, years, rate, varianceClose, p.surface);
    bsmGreeks(c.isCall, spotClose, c.strike, years, rate, sigma, greeks);
    const row = `${c.expiry},${c.strike},${c.isCall ? "C" : "P"},${fixed4(st.open)},${fixed4(st.high)},${fixed4(st.low)},${fixed4(st.close)},${st.volume},${st.oi},${fixed7(sigma)},${fixed7(greeks.delta)},${fixed7(greeks.gamma)},${fixed7(greeks.vega / 100)},${fixed7(greeks.theta / 365)},${fixed7(greeks.rho / 100)}`;
    (c.isCall ? callRows : putRows).push(row);
  }
  const header = "#expiry,strike,right,open,high,low,close,volume,open_interest,implied_volatility,delta,gamma,vega,theta,rho";
  const underlying = `,,,${fixed4(daily.open / 100)},${fixed4(daily.high / 100)},${fixed4(daily.low / 100)},${fixed4(daily.close / 100)},${daily.volume},,,,,,,`;
  const universe = [header, underlying, ...callRows, ...putRows].join("\n") + "\n";

  const byName = (a: TextEntry, b: TextEntry) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  let bytes = writeText(join(folder, optionUniversePath(ticker, s.date)), universe);
  let files = 1;
  for (const [tickType, entries] of [
    ["quote", quoteEntries],
    ["trade", tradeEntries],
    ["openinterest", oiEntries],
  ] as const) {
    if (entries.length === 0) continue;
    entries.sort(byName);
    bytes += writeZip(join(folder, optionDayZipPath(ticker, s.date, tickType)), entries, s.date);
    files++;
  }
  return { files, bytes };
}
