// The research side of the options bot, as functions (the scripts in scripts/research/ are thin
// command lines over them): training the sentiment model (guide usage pattern 5) and choosing the
// bot's parameters (pattern 6), both on a LEAN data folder, both saving into the object store
// exactly as the guide does. docs/bot-research.md explains the method and the measured results.
import { readOptionUniverse, OPTION_RIGHT_PUT, type OptionUniverse } from "../../engine/data/index.ts";
import { openSyncObjectStore } from "../../storage/open.ts";
import type { SyncObjectStore } from "../../storage/sync-object-store.ts";
import { readHeadlines } from "./headlines.ts";
import { WordListSentimentProvider, type SentimentProvider } from "./sentiment.ts";
import { atmImpliedVolatility, daysBetween, featureRow, readSessions, realisedVolatility, type Session } from "./daily-features.ts";
import {
  SENTIMENT_MODEL_BINARY_KEY,
  SENTIMENT_MODEL_FEATURES,
  SENTIMENT_MODEL_KEY,
  predictUp,
  saveModelBytes,
  saveModelToStore,
  trainLogisticRegression,
  type SentimentModel,
  type TrainingOptions,
} from "./sentiment-model.ts";

export const DEFAULT_DATA_FOLDER = "data/generated";
export const DEFAULT_TICKER = "TLIX";
/** The share of sessions (oldest first) used to fit; the rest is out of sample. */
export const DEFAULT_TRAIN_FRACTION = 0.7;

interface CommonResearchOptions {
  /** a LEAN data folder (default data/generated) */
  dataFolder?: string;
  ticker?: string;
  /**
   * where to save: an open SyncObjectStore, a store directory (opened and closed here), or null
   * to save nothing. Default ./storage.
   */
  store?: SyncObjectStore | string | null;
  /** default 0.7 */
  trainFraction?: number;
}

function withStore<T>(store: SyncObjectStore | string | null | undefined, action: (store: SyncObjectStore | null) => T): T {
  if (store === null) return action(null);
  if (store === undefined || typeof store === "string") {
    const opened = openSyncObjectStore({ store: store ?? "./storage" });
    try {
      return action(opened);
    } finally {
      opened.close();
    }
  }
  return action(store);
}

function splitIndex(count: number, fraction: number): number {
  if (!(fraction > 0 && fraction < 1)) throw new RangeError(`trainFraction must be between 0 and 1, got ${fraction}`);
  return Math.round(count * fraction);
}

function universes(dataFolder: string, ticker: string, sessions: readonly Session[]): Map<number, OptionUniverse> {
  const out = new Map<number, OptionUniverse>();
  for (const s of sessions) {
    const u = readOptionUniverse(dataFolder, ticker, s.date);
    if (u) out.set(s.date, u);
  }
  return out;
}

// ---- the sentiment model -------------------------------------------------------------------

/** One day of the model's data: features known at the close, the label is the next session's direction. */
export interface ModelSample {
  date: number;
  features: number[];
  /** 1 when the next session closes higher */
  label: 0 | 1;
}

export interface TrainSentimentModelOptions extends CommonResearchOptions {
  /** scores the headlines (default: the word-list provider) */
  provider?: SentimentProvider;
  training?: TrainingOptions;
  /** default sentiment_model_v2 (gzip + base64 text) */
  key?: string;
  /** default sentiment_model_v2.bin (raw bytes) */
  binaryKey?: string;
}

export interface Accuracy {
  samples: number;
  model: number;
  /** always predicting the training set's majority direction */
  constant: number;
}

export interface TrainSentimentModelResult {
  model: SentimentModel;
  samples: ModelSample[];
  /** samples[0..trainCount) fit the model; the rest are out of sample */
  trainCount: number;
  /** the direction the constant predictor always says */
  majorityLabel: 0 | 1;
  inSample: Accuracy;
  outOfSample: Accuracy;
  headlines: number;
  /** sessions without an option universe or an ATM implied volatility (no sample) */
  skippedSessions: number;
  /** keys written, with what was stored */
  saved: { key: string; bytes: number; kind: "base64 gzip text" | "binary" }[];
}

/** The model's samples of a data folder (no saving). */
export function buildModelSamples(options: { dataFolder?: string; ticker?: string; provider?: SentimentProvider } = {}): { samples: ModelSample[]; headlines: number; skippedSessions: number } {
  const dataFolder = options.dataFolder ?? DEFAULT_DATA_FOLDER;
  const ticker = options.ticker ?? DEFAULT_TICKER;
  const provider = options.provider ?? new WordListSentimentProvider();
  const sessions = readSessions({ dataFolder, ticker });
  const headlines = readHeadlines(dataFolder, ticker);
  const samples: ModelSample[] = [];
  let skippedSessions = 0;
  let h = 0;
  for (let i = 0; i < sessions.length; i++) {
    const s = sessions[i];
    // the headlines published since the previous close, up to this close
    const scores: number[] = [];
    while (h < headlines.length && headlines[h].time <= s.closeTime) scores.push(provider.analyze(headlines[h++].headline).sentiment.score);
    if (i === sessions.length - 1) break;
    const universe = readOptionUniverse(dataFolder, ticker, s.date);
    const atmIv = universe ? atmImpliedVolatility(universe) : NaN;
    if (!Number.isFinite(atmIv)) {
      skippedSessions++;
      continue;
    }
    const return1d = i === 0 ? 0 : s.close / sessions[i - 1].close - 1;
    samples.push({
      date: s.date,
      features: featureRow({ headlineScores: scores, return1d, atmIv, realisedVol: realisedVolatility(sessions, i) }),
      label: sessions[i + 1].close > s.close ? 1 : 0,
    });
  }
  return { samples, headlines: headlines.length, skippedSessions };
}

function accuracy(model: SentimentModel, samples: readonly ModelSample[], majority: 0 | 1): Accuracy {
  let right = 0;
  let constant = 0;
  for (const s of samples) {
    if ((predictUp(model, s.features) ? 1 : 0) === s.label) right++;
    if (s.label === majority) constant++;
  }
  const n = samples.length;
  return { samples: n, model: n === 0 ? NaN : right / n, constant: n === 0 ? NaN : constant / n };
}

/**
 * Scores the headlines, builds one sample per session, fits on the first `trainFraction`, measures
 * accuracy in and out of sample against the constant predictor, and saves the model as the guide
 * does (base64 gzip text under `key`) and its raw bytes under `binaryKey`.
 */
export function trainSentimentModel(options: TrainSentimentModelOptions = {}): TrainSentimentModelResult {
  const { samples, headlines, skippedSessions } = buildModelSamples(options);
  const trainCount = splitIndex(samples.length, options.trainFraction ?? DEFAULT_TRAIN_FRACTION);
  const train = samples.slice(0, trainCount);
  const test = samples.slice(trainCount);
  if (train.length < 10) throw new RangeError(`trainSentimentModel: only ${train.length} training samples (need at least 10)`);
  const model = trainLogisticRegression(
    SENTIMENT_MODEL_FEATURES,
    train.map((s) => s.features),
    train.map((s) => s.label),
    options.training,
  );
  const ups = train.reduce((n, s) => n + s.label, 0);
  const majorityLabel: 0 | 1 = ups * 2 >= train.length ? 1 : 0;
  const saved = withStore(options.store, (store) => {
    if (!store) return [];
    const key = options.key ?? SENTIMENT_MODEL_KEY;
    const binaryKey = options.binaryKey ?? SENTIMENT_MODEL_BINARY_KEY;
    const encoded = saveModelToStore(store, model, key);
    const bytes = saveModelBytes(store, model, binaryKey);
    return [
      { key, bytes: Buffer.byteLength(encoded), kind: "base64 gzip text" as const },
      { key: binaryKey, bytes: bytes.byteLength, kind: "binary" as const },
    ];
  });
  return {
    model,
    samples,
    trainCount,
    majorityLabel,
    inSample: accuracy(model, train, majorityLabel),
    outOfSample: accuracy(model, test, majorityLabel),
    headlines,
    skippedSessions,
    saved,
  };
}

// ---- the bot's parameters ------------------------------------------------------------------

/** The guide's optimized_params_v3, field for field. */
export interface OptimizedParameters {
  profit_thresholds: number[];
  cancel_after_seconds: number;
  max_option_chains: number;
  delta_range: [number, number];
}

export const OPTIMIZED_PARAMETERS_KEY = "optimized_params_v3";

/** The guide's example values: the live bot's defaults when nothing is stored. */
export const GUIDE_PARAMETERS: Readonly<OptimizedParameters> = {
  profit_thresholds: [1.0, 2.0, 4.0, 10.0],
  cancel_after_seconds: 2.5,
  max_option_chains: 5,
  delta_range: [0.25, 0.35],
};

export interface ParameterGrid {
  profitThresholds: number[][];
  maxOptionChains: number[];
  deltaRanges: [number, number][];
}

export const DEFAULT_PARAMETER_GRID: Readonly<ParameterGrid> = {
  profitThresholds: [
    [1.0, 2.0, 4.0, 10.0],
    [10, 20, 40, 80],
    [25, 50, 75, 90],
  ],
  maxOptionChains: [1, 3, 5],
  deltaRanges: [
    [0.15, 0.25],
    [0.25, 0.35],
    [0.35, 0.45],
  ],
};

/** What the proxy measured for one parameter set over one window. */
export interface ProxyScore {
  /** spreads sold */
  trades: number;
  /** trades with a positive result */
  wins: number;
  /** Σ P&L per one-lot spread, dollars per share, after the half-spread costs */
  pnl: number;
  /** Σ max loss (width - credit) of the trades */
  risk: number;
  /** pnl / risk: the objective (0 without trades) */
  returnOnRisk: number;
  /** trades still open at the window's end, marked at its last close */
  openAtEnd: number;
}

export interface ParameterEvaluation {
  parameters: OptimizedParameters;
  inSample: ProxyScore;
  outOfSample: ProxyScore;
}

export interface OptimizeParametersOptions extends CommonResearchOptions {
  grid?: Partial<ParameterGrid>;
  /** not identifiable from minute data: carried through (default the guide's 2.5) */
  cancelAfterSeconds?: number;
  /** strike distance between the short and the long put (default $5) */
  spreadWidth?: number;
  /** fewest in-sample trades for a parameter set to be chosen (default 5) */
  minTrades?: number;
  key?: string;
}

export interface OptimizeParametersResult {
  optimized: OptimizedParameters;
  /** every grid point, in grid order */
  evaluations: ParameterEvaluation[];
  /** the guide's own parameters measured the same way */
  guide: ParameterEvaluation;
  best: ParameterEvaluation;
  trainSessions: number;
  testSessions: number;
  /** the JSON text saved, or null when no store was given */
  saved: { key: string; json: string } | null;
}

export interface PutLeg {
  expiry: number;
  strike: number;
  close: number;
  delta: number;
}

export interface DayChain {
  date: number;
  spot: number;
  /** entry allowed: ATM implied volatility above realised volatility */
  rich: boolean;
  /** put expiries at least 7 days away, ascending */
  expiries: number[];
  puts: Map<number, PutLeg[]>;
  /** `${expiry}:${strike}` → mid close */
  putClose: Map<string, number>;
}

/** The generator's quote rule without the moneyness factor: half of (1c + 0.7% of the premium). */
function halfSpread(premium: number): number {
  return (0.01 + 0.007 * premium) / 2;
}

export function buildChains(sessions: readonly Session[], universeByDate: ReadonlyMap<number, OptionUniverse>): (DayChain | null)[] {
  return sessions.map((s, i) => {
    const u = universeByDate.get(s.date);
    if (!u) return null;
    const puts = new Map<number, PutLeg[]>();
    const putClose = new Map<string, number>();
    for (let k = 0; k < u.count; k++) {
      if (u.right[k] !== OPTION_RIGHT_PUT || !Number.isFinite(u.close[k])) continue;
      putClose.set(`${u.expiry[k]}:${u.strike[k]}`, u.close[k]);
      if (daysBetween(s.date, u.expiry[k]) < 7 || !Number.isFinite(u.delta[k])) continue;
      let list = puts.get(u.expiry[k]);
      if (!list) puts.set(u.expiry[k], (list = []));
      list.push({ expiry: u.expiry[k], strike: u.strike[k], close: u.close[k], delta: u.delta[k] });
    }
    const iv = atmImpliedVolatility(u);
    return { date: s.date, spot: u.underlying.close, rich: Number.isFinite(iv) && iv > realisedVolatility(sessions, i), expiries: [...puts.keys()].sort((a, b) => a - b), puts, putClose };
  });
}

/**
 * The cheap proxy (docs/bot-research.md): on each session of the window whose ATM implied
 * volatility exceeds realised volatility, sell one put credit spread at the close: the short put
 * with |delta| in `delta_range` nearest its middle, the long put `width` lower, in whichever of the
 * first `max_option_chains` expiries (≥ 7 days) pays the most credit per dollar of risk. The spread
 * is split in as many equal parts as there are `profit_thresholds`; part k is bought back at the
 * first later close where the profit reaches thresholds[k] percent of the credit; what is left
 * settles at expiry (intrinsic value at the expiry's close) or is marked at the window's last close.
 * Each leg pays half the quoted spread on entry and on an early exit.
 */
export function simulatePutSpreads(chains: readonly (DayChain | null)[], sessions: readonly Session[], from: number, to: number, parameters: OptimizedParameters, width: number): ProxyScore {
  const score: ProxyScore = { trades: 0, wins: 0, pnl: 0, risk: 0, returnOnRisk: 0, openAtEnd: 0 };
  const [lo, hi] = parameters.delta_range;
  const middle = (lo + hi) / 2;
  const thresholds = [...parameters.profit_thresholds].sort((a, b) => a - b);
  for (let i = from; i < to; i++) {
    const chain = chains[i];
    if (!chain || !chain.rich) continue;
    let best: { short: PutLeg; long: PutLeg; credit: number; ratio: number } | null = null;
    for (const expiry of chain.expiries.slice(0, parameters.max_option_chains)) {
      let short: PutLeg | null = null;
      for (const leg of chain.puts.get(expiry)!) {
        const d = -leg.delta;
        if (d < lo || d > hi) continue;
        if (!short || Math.abs(d - middle) < Math.abs(-short.delta - middle)) short = leg;
      }
      if (!short) continue;
      const long = chain.puts.get(expiry)!.find((leg) => leg.strike === short.strike - width);
      if (!long) continue;
      const credit = short.close - long.close;
      if (credit <= 0.05 || credit >= width) continue;
      const ratio = credit / (width - credit);
      if (!best || ratio > best.ratio) best = { short, long, credit, ratio };
    }
    if (!best) continue;
    const { short, long, credit } = best;
    const parts = thresholds.length;
    let pnl = -(halfSpread(short.close) + halfSpread(long.close));
    let open = parts;
    let lastValue = credit;
    let settled = false;
    for (let j = i + 1; j < to && open > 0; j++) {
      const day = sessions[j];
      if (day.date >= short.expiry) {
        const s = day.close;
        const value = Math.max(short.strike - s, 0) - Math.max(long.strike - s, 0);
        pnl += (open / parts) * (credit - value);
        open = 0;
        settled = true;
        break;
      }
      const c = chains[j];
      const shortClose = c?.putClose.get(`${short.expiry}:${short.strike}`);
      const longClose = c?.putClose.get(`${long.expiry}:${long.strike}`);
      if (shortClose === undefined || longClose === undefined) continue;
      const value = shortClose - longClose;
      lastValue = value;
      const profitPercent = ((credit - value) / credit) * 100;
      while (open > 0 && thresholds[parts - open] <= profitPercent) {
        pnl += (credit - value - halfSpread(shortClose) - halfSpread(longClose)) / parts;
        open--;
      }
    }
    if (open > 0 && !settled) {
      pnl += (open / parts) * (credit - lastValue);
      score.openAtEnd++;
    }
    score.trades++;
    if (pnl > 0) score.wins++;
    score.pnl += pnl;
    score.risk += width - credit;
  }
  score.returnOnRisk = score.risk === 0 ? 0 : score.pnl / score.risk;
  return score;
}

/**
 * Evaluates the grid with the proxy on the first `trainFraction` of the sessions, picks the best
 * return on risk (at least `minTrades` trades; ties go to the earlier grid point), reports every
 * point out of sample too, and saves the winner as the guide does:
 * `ObjectStore.Save("optimized_params_v3", JSON.stringify(optimized))`.
 */
export function optimizeParameters(options: OptimizeParametersOptions = {}): OptimizeParametersResult {
  const dataFolder = options.dataFolder ?? DEFAULT_DATA_FOLDER;
  const ticker = options.ticker ?? DEFAULT_TICKER;
  const width = options.spreadWidth ?? 5;
  const minTrades = options.minTrades ?? 5;
  const cancelAfterSeconds = options.cancelAfterSeconds ?? GUIDE_PARAMETERS.cancel_after_seconds;
  if (!(cancelAfterSeconds > 0)) throw new RangeError(`cancelAfterSeconds must be positive, got ${cancelAfterSeconds}`);
  const grid: ParameterGrid = { ...DEFAULT_PARAMETER_GRID, ...options.grid };
  const sessions = readSessions({ dataFolder, ticker });
  const chains = buildChains(sessions, universes(dataFolder, ticker, sessions));
  const split = splitIndex(sessions.length, options.trainFraction ?? DEFAULT_TRAIN_FRACTION);
  const evaluate = (parameters: OptimizedParameters): ParameterEvaluation => ({
    parameters,
    inSample: simulatePutSpreads(chains, sessions, 0, split, parameters, width),
    outOfSample: simulatePutSpreads(chains, sessions, split, sessions.length, parameters, width),
  });
  const evaluations: ParameterEvaluation[] = [];
  for (const profit_thresholds of grid.profitThresholds) {
    for (const max_option_chains of grid.maxOptionChains) {
      for (const delta_range of grid.deltaRanges) {
        evaluations.push(evaluate({ profit_thresholds: [...profit_thresholds], cancel_after_seconds: cancelAfterSeconds, max_option_chains, delta_range: [delta_range[0], delta_range[1]] }));
      }
    }
  }
  let best: ParameterEvaluation | null = null;
  for (const e of evaluations) {
    if (e.inSample.trades < minTrades) continue;
    if (!best || e.inSample.returnOnRisk > best.inSample.returnOnRisk) best = e;
  }
  if (!best) throw new RangeError(`optimizeParameters: no parameter set traded at least ${minTrades} times in sample`);
  const optimized = best.parameters;
  const saved = withStore(options.store, (store) => {
    if (!store) return null;
    const key = options.key ?? OPTIMIZED_PARAMETERS_KEY;
    const json = JSON.stringify(optimized);
    store.save(key, json);
    return { key, json };
  });
  return { optimized, evaluations, guide: evaluate({ ...GUIDE_PARAMETERS, profit_thresholds: [...GUIDE_PARAMETERS.profit_thresholds], delta_range: [...GUIDE_PARAMETERS.delta_range] }), best, trainSessions: split, testSessions: sessions.length - split, saved };
}

/** The live side of pattern 6: the stored parameters, checked, or null when none are stored. */
export function loadOptimizedParameters(store: { containsKey(key: string): boolean; read(key: string): string }, key: string = OPTIMIZED_PARAMETERS_KEY): OptimizedParameters | null {
  if (!store.containsKey(key)) return null;
  return checkOptimizedParameters(JSON.parse(store.read(key)), key);
}

/** Checks the guide's four fields; throws a TypeError naming the field. */
export function checkOptimizedParameters(value: unknown, key = OPTIMIZED_PARAMETERS_KEY): OptimizedParameters {
  const fail = (field: string, expected: string): never => {
    throw new TypeError(`${key}: field ${field}: expected ${expected}`);
  };
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail("(root)", "a JSON object");
  const v = value as Record<string, unknown>;
  const isNumber = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);
  if (!Array.isArray(v.profit_thresholds) || v.profit_thresholds.length === 0 || !v.profit_thresholds.every((x) => isNumber(x) && x > 0)) {
    fail("profit_thresholds", "a non-empty array of positive numbers");
  }
  if (!isNumber(v.cancel_after_seconds) || v.cancel_after_seconds <= 0) fail("cancel_after_seconds", "a positive number");
  if (!isNumber(v.max_option_chains) || !Number.isInteger(v.max_option_chains) || v.max_option_chains < 1) fail("max_option_chains", "a positive integer");
  const range = v.delta_range;
  if (!Array.isArray(range) || range.length !== 2 || !range.every(isNumber) || !(0 <= range[0] && range[0] < range[1] && range[1] <= 1)) {
    fail("delta_range", "[lo, hi] with 0 <= lo < hi <= 1");
  }
  return {
    profit_thresholds: [...(v.profit_thresholds as number[])],
    cancel_after_seconds: v.cancel_after_seconds as number,
    max_option_chains: v.max_option_chains as number,
    delta_range: [(range as number[])[0], (range as number[])[1]],
  };
}
