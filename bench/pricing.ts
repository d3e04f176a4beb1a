// Option pricing bench: implied-volatility solves and full Greeks evaluations per second over a
// fixed grid (moneyness K/S 0.5-2, expiries 1 day-2 years, vol 5%-200%, calls and puts), the
// worst implied-vol error (price -> IV -> vol round trip) where the vol is identifiable from a
// double price, and the same figures for the npm packages `implied-volatility` and `greeks`
// (MattL922; the most used option-pricing packages on npm) when they are installed.
import type { BenchRow, BenchSection } from "./types.ts";
import { blackScholesGreeks, createGreeks, type OptionRight } from "../src/engine/pricing/black-scholes.ts";
import { impliedVolatilityOrNaN } from "../src/engine/pricing/implied-volatility.ts";

const EPSILON = 2 ** -53;
const SPOT = 100;
const RATE = 0.03;
const DIVIDEND_YIELD = 0; // the comparison packages have no dividend yield
const MONEYNESS = Array.from({ length: 16 }, (_, i) => 0.5 * 4 ** (i / 15));
const EXPIRY_DAYS = [1, 7, 30, 91, 182, 365, 730];
const VOLATILITIES = [0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1.2, 2];

interface Grid {
  size: number;
  right: OptionRight[];
  strike: Float64Array;
  time: Float64Array;
  vol: Float64Array;
  price: Float64Array;
  /** 1 where the vol is identifiable to 1e-12 from the double price (README bound, normal doubles), else 0 */
  identifiable: Uint8Array;
}

function buildGrid(): Grid {
  const size = 2 * MONEYNESS.length * EXPIRY_DAYS.length * VOLATILITIES.length;
  const grid: Grid = {
    size,
    right: [],
    strike: new Float64Array(size),
    time: new Float64Array(size),
    vol: new Float64Array(size),
    price: new Float64Array(size),
    identifiable: new Uint8Array(size),
  };
  const g = createGreeks();
  let i = 0;
  for (const right of ["call", "put"] as const)
    for (const m of MONEYNESS)
      for (const days of EXPIRY_DAYS)
        for (const vol of VOLATILITIES) {
          const strike = SPOT * m;
          const t = days / 365;
          blackScholesGreeks(right, SPOT, strike, t, RATE, DIVIDEND_YIELD, vol, g);
          const dPdK = -g.rho / (strike * t);
          const bound = (4 * EPSILON * (g.price + Math.abs(g.delta) * SPOT + Math.abs(dPdK) * strike)) / g.vega;
          grid.right.push(right);
          grid.strike[i] = strike;
          grid.time[i] = t;
          grid.vol[i] = vol;
          grid.price[i] = g.price;
          // a subnormal price (< 2.2e-308) has lost relative precision: its vol is not identifiable
          grid.identifiable[i] = g.price >= 2.2250738585072014e-308 && bound <= 1e-12 ? 1 : 0;
          i++;
        }
  return grid;
}

/** Runs `body` over the whole grid repeatedly for about `seconds`; returns evaluations per second. */
function throughput(grid: Grid, seconds: number, body: (i: number) => number): { perSecond: number; sink: number } {
  let sink = 0;
  for (let i = 0; i < grid.size; i++) sink += body(i); // warm-up
  let count = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < grid.size; i++) sink += body(i);
    count += grid.size;
    elapsed = (performance.now() - start) / 1000;
  } while (elapsed < seconds);
  return { perSecond: count / elapsed, sink };
}

function worstVolError(grid: Grid, solve: (i: number) => number): { worst: number; failures: number; points: number } {
  let worst = 0;
  let failures = 0;
  let points = 0;
  for (let i = 0; i < grid.size; i++) {
    if (!grid.identifiable[i]) continue;
    points++;
    const iv = solve(i);
    if (!Number.isFinite(iv)) {
      failures++;
      continue;
    }
    worst = Math.max(worst, Math.abs(iv - grid.vol[i]));
  }
  return { worst, failures, points };
}

interface Comparison {
  name: string;
  greeksPerSecond: number;
  ivPerSecond: number;
  worstVolError: number;
  ivFailures: number;
}

async function importOptional(name: string): Promise<Record<string, unknown> | undefined> {
  try {
    const module = (await import(name)) as Record<string, unknown> & { default?: Record<string, unknown> };
    return module.default ?? module;
  } catch {
    return undefined;
  }
}

type Fn6 = (s: number, k: number, t: number, v: number, r: number, callPut: string) => number;
type IvFn = (price: number, s: number, k: number, t: number, r: number, callPut: string, estimate?: number) => number;

async function compareWithNpm(grid: Grid, seconds: number): Promise<Comparison | string> {
  const greeks = await importOptional("greeks");
  const ivPackage = await importOptional("implied-volatility");
  if (!greeks || !ivPackage) {
    const missing = [!greeks && "greeks", !ivPackage && "implied-volatility"].filter(Boolean).join(" and ");
    return `npm package ${missing} not installed: no comparison (npm install --no-save greeks implied-volatility)`;
  }
  const delta = greeks.getDelta as Fn6;
  const gamma = greeks.getGamma as Fn6;
  const vega = greeks.getVega as Fn6;
  const theta = greeks.getTheta as Fn6;
  const rho = greeks.getRho as Fn6;
  const solve = ivPackage.getImpliedVolatility as IvFn;
  const missing = Object.entries({ getDelta: delta, getGamma: gamma, getVega: vega, getTheta: theta, getRho: rho, getImpliedVolatility: solve })
    .filter(([, fn]) => typeof fn !== "function")
    .map(([name]) => name);
  if (missing.length > 0) return `npm greeks / implied-volatility installed but without ${missing.join(", ")}: no comparison`;
  const greeksRun = throughput(grid, seconds, (i) => {
    const [s, k, t, v, cp] = [SPOT, grid.strike[i], grid.time[i], grid.vol[i], grid.right[i]];
    return delta(s, k, t, v, RATE, cp) + gamma(s, k, t, v, RATE, cp) + vega(s, k, t, v, RATE, cp) +
      theta(s, k, t, v, RATE, cp) + rho(s, k, t, v, RATE, cp);
  });
  const ivRun = throughput(grid, seconds, (i) => solve(grid.price[i], SPOT, grid.strike[i], grid.time[i], RATE, grid.right[i]));
  const errors = worstVolError(grid, (i) => solve(grid.price[i], SPOT, grid.strike[i], grid.time[i], RATE, grid.right[i]));
  return {
    name: "npm greeks@1 + implied-volatility@1 (MattL922)",
    greeksPerSecond: greeksRun.perSecond,
    ivPerSecond: ivRun.perSecond,
    worstVolError: errors.worst,
    ivFailures: errors.failures,
  };
}

export async function run(): Promise<BenchSection> {
  const seconds = Number(process.env.TRADELOOM_BENCH_SECONDS ?? 1);
  const grid = buildGrid();
  const out = createGreeks();
  const greeksRun = throughput(grid, seconds, (i) => {
    // the sum keeps the work observable, so the JIT cannot drop it
    blackScholesGreeks(grid.right[i], SPOT, grid.strike[i], grid.time[i], RATE, DIVIDEND_YIELD, grid.vol[i], out);
    return out.price + out.delta + out.gamma + out.vega + out.theta + out.rho;
  });
  const ivRun = throughput(grid, seconds, (i) =>
    impliedVolatilityOrNaN(grid.right[i], grid.price[i], SPOT, grid.strike[i], grid.time[i], RATE, DIVIDEND_YIELD));
  const errors = worstVolError(grid, (i) =>
    impliedVolatilityOrNaN(grid.right[i], grid.price[i], SPOT, grid.strike[i], grid.time[i], RATE, DIVIDEND_YIELD));
  const comparison = await compareWithNpm(grid, seconds);
  const baseline = typeof comparison === "string" ? undefined : comparison;
  const gridText = `${grid.size} contracts: K/S 0.5-2 x ${EXPIRY_DAYS.length} expiries 1d-2y x vol 5%-200%, calls and puts, r 3%`;
  const rows: BenchRow[] = [
    {
      name: `full Greeks (price, delta, gamma, vega, theta, rho), ${gridText}`,
      value: Math.round(greeksRun.perSecond),
      unit: "evaluations/s",
      baseline: baseline && Math.round(baseline.greeksPerSecond),
      baselineName: baseline?.name,
      target: ">= 2,000,000/s on one core",
    },
    {
      name: `implied volatility (Let's Be Rational), ${gridText}`,
      value: Math.round(ivRun.perSecond),
      unit: "solves/s",
      baseline: baseline && Math.round(baseline.ivPerSecond),
      baselineName: baseline?.name,
      target: ">= 1,000,000/s on one core",
    },
    {
      name: `worst |IV(price(vol)) - vol| over the ${errors.points} identifiable grid points`,
      value: errors.worst,
      unit: "vol",
      baseline: baseline?.worstVolError,
      baselineName: baseline?.name,
      target: "< 1e-12",
      note: [
        errors.failures > 0 ? `${errors.failures} solves failed` : "",
        baseline && baseline.ivFailures > 0 ? `baseline: ${baseline.ivFailures} solves failed (not in its worst error)` : "",
        typeof comparison === "string" ? comparison : "",
      ].filter(Boolean).join("; ") || undefined,
    },
  ];
  return { title: "Option pricing", rows };
}

// `npx tsx bench/pricing.ts` prints the section on its own.
if (import.meta.url === `file://${process.argv[1]}`) {
  run().then((section) => console.log(JSON.stringify(section, null, 2)));
}
