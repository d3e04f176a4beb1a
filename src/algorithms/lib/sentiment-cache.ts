// The guide's LLM sentiment cache (usage pattern 3): a headline is analysed once; its result is
// kept in the object store under `sentiment_{hash}` in category llm_cache for 30 days ("news gets
// stale"), and every later sighting of the same headline is answered from the store.
// Knows the manager's save/load and a SentimentProvider; nothing of the engine.
import { createHash } from "node:crypto";
import { StorageCategory } from "../../storage/categories.ts";
import type { ManagerSaveOptions, ManagerSaveResult } from "../../storage/manager-core.ts";
import { SENTIMENT_SIGNALS, type SentimentProvider, type SentimentSignal } from "./sentiment.ts";

/** What the cache needs of a manager: SyncObjectStoreManager has it. */
export interface SentimentCacheManager {
  load<T = unknown>(key: string): T | null;
  save(options: ManagerSaveOptions): ManagerSaveResult;
}

/** The guide's cached record (stored JSON keeps the guide's field names). */
export interface SentimentRecord {
  headline: string;
  /** the signal's name */
  sentiment: SentimentSignal;
  confidence: number;
  score: number;
}

export const SENTIMENT_CACHE_CATEGORY = StorageCategory.LLM_CACHE;
export const SENTIMENT_CACHE_EXPIRE_DAYS = 30;

/**
 * The headline's stable digest: the first 16 hex characters (64 bits) of SHA-256 over the UTF-8
 * bytes of the NFC-normalised headline, exactly as given (no trimming or case folding). The
 * guide's Python `hash(headline)` is salted per process, so its keys never hit across runs; a
 * stable digest is what the guide means.
 */
export function headlineHash(headline: string): string {
  return createHash("sha256").update(headline.normalize("NFC"), "utf8").digest("hex").slice(0, 16);
}

/** `sentiment_{hash}`. */
export function sentimentKey(headline: string): string {
  return `sentiment_${headlineHash(headline)}`;
}

/** A stored record under a sentiment key is not the guide's record (or is another headline's). */
export class SentimentCacheError extends Error {
  override readonly name = "SentimentCacheError";
  constructor(
    readonly key: string,
    readonly reason: string,
  ) {
    super(`sentiment cache ${JSON.stringify(key)}: ${reason}`);
  }
}

export class SentimentCache {
  /** lookups answered from the store */
  hits = 0;
  /** lookups that had to analyse */
  misses = 0;
  /** calls to the provider (equal to misses: a failed analysis is not cached and throws) */
  analyses = 0;

  constructor(
    readonly manager: SentimentCacheManager,
    readonly provider: SentimentProvider,
  ) {}

  /** The guide's cache_sentiment: the stored record when present (a hit), else analyse, save and return it (a miss). */
  get(headline: string): SentimentRecord {
    if (typeof headline !== "string" || headline === "") throw new TypeError("SentimentCache.get: the headline must be a non-empty string");
    const key = sentimentKey(headline);
    const cached = this.manager.load<unknown>(key);
    if (cached !== null) {
      const record = checkRecord(key, cached);
      if (record.headline.normalize("NFC") !== headline.normalize("NFC")) {
        throw new SentimentCacheError(key, `holds another headline (${JSON.stringify(record.headline)}): a hash collision`);
      }
      this.hits++;
      return record;
    }
    this.misses++;
    this.analyses++;
    const result = this.provider.analyze(headline);
    const data: SentimentRecord = {
      headline,
      sentiment: result.sentiment.signal.name,
      confidence: result.sentiment.confidence,
      score: result.sentiment.score,
    };
    this.manager.save({ key, data, category: SENTIMENT_CACHE_CATEGORY, expireDays: SENTIMENT_CACHE_EXPIRE_DAYS });
    return data;
  }

  /** Hits over lookups (0 before any lookup). */
  get hitRate(): number {
    const lookups = this.hits + this.misses;
    return lookups === 0 ? 0 : this.hits / lookups;
  }
}

function checkRecord(key: string, value: unknown): SentimentRecord {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new SentimentCacheError(key, "the stored value is not a JSON object");
  const r = value as Record<string, unknown>;
  if (typeof r.headline !== "string") throw new SentimentCacheError(key, "field headline: expected a string");
  if (typeof r.sentiment !== "string" || !(SENTIMENT_SIGNALS as readonly string[]).includes(r.sentiment)) {
    throw new SentimentCacheError(key, `field sentiment: expected BULLISH, BEARISH or NEUTRAL, got ${JSON.stringify(r.sentiment)}`);
  }
  if (typeof r.confidence !== "number") throw new SentimentCacheError(key, "field confidence: expected a number");
  if (typeof r.score !== "number") throw new SentimentCacheError(key, "field score: expected a number");
  return { headline: r.headline, sentiment: r.sentiment as SentimentSignal, confidence: r.confidence, score: r.score };
}
