/**
 * `npm run data`: generates the shipped data set (see docs/shipped-data.md).
 *   node bin/run-ts.js scripts/generate-data.ts [--out data/generated] [--seed N]
 *        [--start 2025-01-02 --end 2025-06-30] [--ticker TLIX] [--no-options] [--no-headlines] [--if-missing]
 * Without --if-missing the data set is always regenerated.
 */
import { resolve } from "node:path";
import { DEFAULT_END_DATE, DEFAULT_SEED, DEFAULT_START_DATE, DEFAULT_TICKER, ensureDataSet, generateDataSet, type DataSetOptions } from "../src/engine/datagen/index.ts";

function usage(message: string): never {
  console.error(`generate-data: ${message}`);
  console.error("usage: node bin/run-ts.js scripts/generate-data.ts [--out DIR] [--seed N] [--start YYYY-MM-DD] [--end YYYY-MM-DD] [--ticker T] [--no-options] [--no-headlines] [--if-missing]");
  process.exit(2);
}

function parseDate(text: string, flag: string): number {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text);
  if (!m) usage(`${flag} expects a date like 2025-01-02, got "${text}"`);
  return Number(`${m[1]}${m[2]}${m[3]}`);
}

const args = process.argv.slice(2);
let out = "data/generated";
let ifMissing = false;
const options: DataSetOptions = { seed: DEFAULT_SEED, startDate: DEFAULT_START_DATE, endDate: DEFAULT_END_DATE, ticker: DEFAULT_TICKER };
for (let i = 0; i < args.length; i++) {
  const flag = args[i];
  const value = (): string => {
    const v = args[++i];
    if (v === undefined) usage(`${flag} needs a value`);
    return v;
  };
  switch (flag) {
    case "--out":
      out = value();
      break;
    case "--seed": {
      const text = value();
      if (!/^\d+$/.test(text)) usage(`--seed expects a non-negative integer, got "${text}"`);
      options.seed = Number(text);
      break;
    }
    case "--start":
      options.startDate = parseDate(value(), flag);
      break;
    case "--end":
      options.endDate = parseDate(value(), flag);
      break;
    case "--ticker":
      options.ticker = value();
      break;
    case "--no-options":
      options.options = false;
      break;
    case "--no-headlines":
      options.headlines = false;
      break;
    case "--if-missing":
      ifMissing = true;
      break;
    case "--help":
    case "-h":
      usage("help");
      break;
    default:
      usage(`unknown argument "${flag}"`);
  }
}

const folder = resolve(out);
let lastShown = 0;
options.onProgress = (done, total, date) => {
  const now = Date.now();
  if (done === total || now - lastShown > 1000) {
    lastShown = now;
    process.stderr.write(`\rgenerate-data: ${done}/${total} trading days (${date})`);
    if (done === total) process.stderr.write("\n");
  }
};
const summary = ifMissing ? ensureDataSet(folder, options) : generateDataSet(folder, options);
const mb = (summary.bytes / 1_048_576).toFixed(1);
if (summary.generated) {
  console.log(
    `generate-data: ${summary.ticker} seed ${summary.seed}, ${summary.tradingDays} trading days ${summary.firstDate}-${summary.lastDate}: ` +
      `${summary.files} files, ${mb} MiB (equity ${(summary.equityBytes / 1_048_576).toFixed(1)} MiB, options ${(summary.optionBytes / 1_048_576).toFixed(1)} MiB), ` +
      `${summary.headlines} headlines in ${(summary.milliseconds / 1000).toFixed(1)} s -> ${folder}`,
  );
} else {
  console.log(`generate-data: ${folder} already holds ${summary.ticker} seed ${summary.seed} ${summary.firstDate}-${summary.lastDate} (${summary.files} files, ${mb} MiB)`);
}
