// Synthetic report inputs: a storage monitor section shaped as the guide describes (5 GB tier, seven
// categories with their quotas, samples every 6 hours, a trip at the critical line and a reset after cleanup),
// the Greeks of an options book, and a long minute-sampled equity curve for the size and load benchmark.
// Deterministic (seeded), so tests can assert on them.
import type { ReportGreeksPoint, ReportStorageSection } from "../../../src/engine/results/report-html.ts";

const GB = 1024 ** 3;
const MB = 1024 ** 2;
const DAY = 86_400_000;

/** A small seeded generator (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const GUIDE_QUOTAS_GB: Record<string, number> = {
  trading_state: 0.5,
  options_greeks: 1.5,
  llm_cache: 0.3,
  backtest_results: 0.5,
  ml_models: 1.5,
  monitoring_data: 0.3,
  research_data: 0.4,
};

/**
 * Usage grows from 2.35 GB at ~0.02 GB/day (6-hourly samples) past the 80 % alert to the 90 % critical line,
 * where the circuit breaker trips; six hours later a cleanup frees 0.6 GB and the breaker resets, and so on.
 */
export function syntheticStorage(startMs: number, days: number): ReportStorageSection {
  const random = seeded(7);
  const maxBytes = 5 * GB;
  const samples: ReportStorageSection["samples"] = [];
  const events: ReportStorageSection["circuitBreakerEvents"] = [];
  let used = 2.35 * GB;
  let files = 12_543;
  let tripped = false;
  for (let t = startMs; t <= startMs + days * DAY; t += DAY / 4) {
    used += (0.02 / 4) * GB * (0.5 + random());
    files += Math.round(20 * random());
    if (!tripped && used >= 0.9 * maxBytes) {
      tripped = true;
      events.push({ time: new Date(t).toISOString(), type: "tripped", reason: `Storage critical: ${((used / maxBytes) * 100).toFixed(1)}% full` });
    } else if (tripped) {
      tripped = false;
      used -= 0.6 * GB;
      files -= 3_000;
      events.push({ time: new Date(t + DAY / 8).toISOString(), type: "reset", reason: "cleanup freed 0.60GB; usage back under the critical line" });
    }
    samples.push({ time: new Date(t).toISOString(), usedBytes: Math.round(used), files });
  }
  const last = samples[samples.length - 1];
  const growth = 0.02;
  const byCategory: ReportStorageSection["byCategory"] = {};
  const weights = [0.1, 0.45, 0.04, 0.09, 0.2, 0.05, 0.07];
  Object.keys(GUIDE_QUOTAS_GB).forEach((name, i) => {
    byCategory[name] = { sizeBytes: Math.round(last.usedBytes * weights[i]), files: Math.round(last.files * weights[i]), quotaBytes: GUIDE_QUOTAS_GB[name] * GB };
  });
  return {
    samples,
    maxBytes,
    maxFiles: 50_000,
    alertPct: 80,
    criticalPct: 90,
    growthRateGbPerDay: growth,
    daysUntilFull: (maxBytes - last.usedBytes) / (growth * GB),
    byCategory,
    largest: [
      { key: "ml_models/sentiment_model_v2", category: "ml_models", sizeBytes: 44.1 * MB },
      { key: "ml_models/sentiment_model_v1", category: "ml_models", sizeBytes: 41.7 * MB },
      { key: "research_data/spy_minute_2024", category: "research_data", sizeBytes: 38.2 * MB },
      { key: "options_greeks/greeks_SPY_2025-01-15", category: "options_greeks", sizeBytes: 9.8 * MB },
      { key: "scratch <b>not html</b>", category: null, sizeBytes: 1.5 * MB },
    ],
    suggestions: [
      { action: "cleanup_expired", reason: "212 objects past their expiry", category: null, bytes: 310 * MB },
      { action: "reduce_category", reason: "options_greeks at 96% of its 1.5GB quota", category: "options_greeks", bytes: 180 * MB },
    ],
    circuitBreakerEvents: events,
  };
}

/** Delta, gamma, vega and theta of a short-premium book, one point a day. */
export function syntheticGreeks(startMs: number, days: number): ReportGreeksPoint[] {
  const random = seeded(11);
  const out: ReportGreeksPoint[] = [];
  for (let d = 0; d < days; d++) {
    const phase = (d % 30) / 30;
    out.push({
      time: new Date(startMs + d * DAY).toISOString(),
      delta: -35 + 20 * Math.sin(d / 9) + 4 * random(),
      gamma: -2.5 - 3 * phase + 0.3 * random(),
      vega: -410 + 120 * phase + 20 * random(),
      theta: 55 + 40 * phase + 5 * random(),
    });
  }
  return out;
}

/**
 * One year of minute equity samples (252 sessions × 390 minutes, 09:31 to 16:00 New York) with a benchmark,
 * ~2,500 orders with their fills, the Greeks and a storage section: the size of a real minute backtest's result.
 */
export function syntheticMinuteYear(): Record<string, unknown> {
  const random = seeded(3);
  const equity: Array<[string, number]> = [];
  const benchmark: Array<[string, number]> = [];
  const orders: Array<Record<string, unknown>> = [];
  const orderEvents: Array<Record<string, unknown>> = [];
  let value = 100_000;
  let price = 400;
  let position = 0;
  let day = Date.UTC(2024, 0, 2);
  let sessions = 0;
  let orderId = 0;
  while (sessions < 252) {
    const weekday = new Date(day).getUTCDay();
    if (weekday !== 0 && weekday !== 6) {
      sessions++;
      const open = day + (14 * 60 + 31) * 60_000; // 09:31 New York in winter, close enough for a bench
      benchmark.push([new Date(day + 5 * 3_600_000).toISOString(), price]);
      for (let m = 0; m < 390; m++) {
        const change = (random() - 0.499) * 0.0008;
        price *= 1 + change;
        value += position * price * change + (random() - 0.5) * 2;
        const time = new Date(open + m * 60_000).toISOString();
        equity.push([time, Math.round(value * 100) / 100]);
        if (m % 39 === 0) {
          const quantity = position === 0 ? 100 : -position;
          orderId++;
          orders.push({ id: orderId, symbol: "SPY", type: "Market", quantity, limitPrice: null, stopPrice: null, status: "Filled", time, lastFillTime: time, price, quantityFilled: quantity, fees: "1", tag: "" });
          orderEvents.push({ id: 1, orderId, symbol: "SPY", time, status: "Filled", direction: quantity > 0 ? "Buy" : "Sell", fillPrice: price, fillQuantity: quantity, orderFee: "1", message: "", isAssignment: false });
          position += quantity;
        }
      }
    }
    day += DAY;
  }
  return {
    statistics: { "Total Orders": String(orders.length), "Net Profit": `${(((value - 100_000) / 100_000) * 100).toFixed(3)}%` },
    orders,
    orderEvents,
    equity,
    benchmark,
    logs: [],
    dataPoints: equity.length,
    start: equity[0][0],
    end: equity[equity.length - 1][0],
    greeks: syntheticGreeks(Date.UTC(2024, 0, 2), 365),
    storage: syntheticStorage(Date.UTC(2024, 0, 2), 365),
  };
}
