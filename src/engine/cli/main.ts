// The `tradeloom` command: argument parsing and wiring only; the work is done by the modules it calls.
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { DateTime } from "luxon";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import cliProgress from "cli-progress";
import { loadAlgorithmClass } from "../algorithm/loader.ts";
import { runBacktest, type BacktestProgress, type BacktestResult } from "../backtest/backtest-engine.ts";
import { formatStatistics, toResultJson } from "../results/result-json.ts";
import { TradeloomError } from "../common/errors.ts";
import { registerStoreCommand } from "./store-command.ts";
import { registerGreeksCommand } from "./greeks-command.ts";
import { ensureDataSet } from "../datagen/index.ts";
import { defaultStoreLocation } from "../backtest/backtest-engine.ts";
import { openSyncObjectStore } from "../../storage/index.ts";
import { trainSentimentModel, optimizeParameters, OPTIMIZED_PARAMETERS_KEY } from "../../algorithms/lib/research.ts";
import { SENTIMENT_MODEL_KEY } from "../../algorithms/lib/sentiment-model.ts";
import { registerReportCommand } from "./report-command.ts";
import { writeReportFile } from "../results/report-html.ts";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

export interface BacktestCliOptions {
  dataFolder?: string;
  start?: string;
  end?: string;
  cash?: number;
  json?: string;
  quiet?: boolean;
  store?: string;
  config?: string;
  report?: string;
  resume?: boolean;
}

function parseDate(value: string): string {
  const dt = DateTime.fromISO(value);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !dt.isValid) throw new InvalidArgumentError(`expected a date YYYY-MM-DD, got "${value}"`);
  return value;
}

function parseCash(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`expected a non-negative number, got "${value}"`);
  return n;
}

/** The default data folder: $TRADELOOM_DATA, else the repo's generated data set. */
export function defaultDataFolder(): string {
  return process.env.TRADELOOM_DATA ? resolve(process.env.TRADELOOM_DATA) : resolve(repoRoot, "data", "generated");
}

/** A progress bar on a terminal; plain lines otherwise; nothing with --quiet. */
function progressReporter(quiet: boolean, zone: () => string): { onProgress?: (p: BacktestProgress) => void; stop(): void } {
  if (quiet) return { stop() {} };
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: "{bar} {percentage}% | {date} | {dps} data points/s | ETA {eta_formatted}",
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      onProgress(p) {
        const payload = { date: DateTime.fromMillis(p.time, { zone: zone() }).toFormat("yyyy-MM-dd HH:mm"), dps: Math.round(p.dataPointsPerSecond).toLocaleString("en-US") };
        if (!started) {
          bar.start(100, 0, payload);
          started = true;
        }
        bar.update(Math.floor(p.fraction * 100), payload);
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let lastPercent = -10;
  return {
    onProgress(p) {
      const percent = Math.floor(p.fraction * 100);
      if (percent - lastPercent < 10) return;
      lastPercent = percent;
      const date = DateTime.fromMillis(p.time, { zone: zone() }).toFormat("yyyy-MM-dd");
      process.stderr.write(`progress ${percent}% ${date} ${Math.round(p.dataPointsPerSecond)} data points/s\n`);
    },
    stop() {},
  };
}

/** Runs one backtest as the CLI does; returns the result (also used by tests). */
export async function backtestCommand(target: string, options: BacktestCliOptions): Promise<BacktestResult> {
  const AlgorithmClass = await loadAlgorithmClass(target);
  const algorithm = new AlgorithmClass();
  const dataFolder = options.dataFolder ? resolve(options.dataFolder) : defaultDataFolder();
  const quiet = options.quiet === true;
  const progress = progressReporter(quiet, () => algorithm.timeZone);
  let result: BacktestResult;
  try {
    result = runBacktest(algorithm, {
      dataFolder,
      start: options.start ? DateTime.fromISO(options.start) : undefined,
      end: options.end ? DateTime.fromISO(options.end) : undefined,
      cash: options.cash,
      store: options.store,
      settingsPath: options.config,
      resume: options.resume,
      onLog: quiet ? undefined : (line) => process.stdout.write(`${line}\n`),
      onProgress: progress.onProgress,
    });
  } finally {
    progress.stop();
  }
  if (!quiet) process.stdout.write(`\n${formatStatistics(result.statistics)}\n`);
  if (!quiet && result.storage) process.stdout.write(`\n${result.storage.report.join("\n")}\n`);
  const json = toResultJson(result, { timeZone: algorithm.timeZone });
  if (options.json) {
    const path = resolve(options.json);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(json, null, 2) + "\n");
    if (!quiet) process.stdout.write(`\nResults written to ${path}\n`);
  }
  if (options.report) {
    const written = writeReportFile(json, options.report, { source: target });
    if (!quiet) process.stdout.write(`Report written to ${written.path}\n`);
  }
  return result;
}

/** The strategy `npm start` runs. */
export const MAIN_ALGORITHM = "options-trading-bot";

/**
 * `npm start`: the shipped data set (generated on first run), the research artifacts the bot
 * loads (the sentiment model and optimized_params_v3, made once per store), then the bot's
 * backtest on the default store, writing results/<algorithm>-<timestamp>.json and .html.
 */
export async function mainJob(options: { quiet?: boolean; store?: string; resume?: boolean } = {}): Promise<BacktestResult> {
  const quiet = options.quiet === true;
  const say = (line: string) => {
    if (!quiet) process.stdout.write(`${line}\n`);
  };
  const dataFolder = defaultDataFolder();
  const started = performance.now();
  const showProgress = !quiet && process.stderr.isTTY;
  const summary = ensureDataSet(dataFolder, {
    onProgress: showProgress ? (done, total, date) => process.stderr.write(`\rgenerating the data set: ${date} (${done}/${total} days)\u001b[K`) : undefined,
  });
  if (showProgress && summary.generated) process.stderr.write("\r\u001b[K");
  const took = ((performance.now() - started) / 1000).toFixed(1);
  say(summary.generated ? `Generated the data set in ${dataFolder} (${took} s)` : `Using the data set in ${dataFolder}`);

  const store = options.store ?? defaultStoreLocation();
  const research = openSyncObjectStore({ store });
  try {
    if (!research.containsKey(SENTIMENT_MODEL_KEY)) {
      const trained = trainSentimentModel({ dataFolder, store: research });
      say(`Trained sentiment_model_v2 (research script): ${trained.samples.length} samples, out-of-sample accuracy ${(trained.outOfSample.model * 100).toFixed(1)}% (constant ${(trained.outOfSample.constant * 100).toFixed(1)}%)`);
    }
    if (!research.containsKey(OPTIMIZED_PARAMETERS_KEY)) {
      const optimized = optimizeParameters({ dataFolder, store: research });
      say(`Wrote optimized_params_v3 (research script): ${JSON.stringify(optimized.optimized)}`);
    }
  } finally {
    research.close();
  }
  const stamp = DateTime.now().toUTC().toFormat("yyyyMMdd_HHmmss");
  const json = resolve("results", `${MAIN_ALGORITHM}-${stamp}.json`);
  const report = resolve("results", `${MAIN_ALGORITHM}-${stamp}.html`);
  return backtestCommand(MAIN_ALGORITHM, { dataFolder, json, report, quiet, store, resume: options.resume });
}

export function buildProgram(): Command {
  const program = new Command();
  program.name("tradeloom").description("LEAN-style backtesting in TypeScript, with a persistent object store").exitOverride();

  program
    .command("backtest")
    .description("run a backtest of an algorithm file (.ts) or a built-in strategy by name")
    .argument("<algorithm>", "path to a TypeScript algorithm file, or a built-in name")
    .option("--data-folder <dir>", "LEAN-format data folder (default: the generated data set)")
    .option("--start <date>", "start date YYYY-MM-DD (overrides setStartDate)", parseDate)
    .option("--end <date>", "end date YYYY-MM-DD (overrides setEndDate)", parseDate)
    .option("--cash <amount>", "starting cash (overrides setCash)", parseCash)
    .option("--json <file>", "write the results as JSON")
    .option("--store <dir|url>", "the object store: a directory (default ./storage) or a postgres:// URL")
    .option("--config <file>", "settings file (default config/settings.json; the guide's defaults when absent)")
    .option("--report <file>", "write the HTML report (charts, statistics, orders, storage)")
    .option("--resume", "continue from the store's last trading_state_* (cash, positions, circuit breaker)")
    .option("--quiet", "no log lines, progress or statistics on the terminal")
    .action(async (algorithm: string, opts: BacktestCliOptions) => {
      await backtestCommand(algorithm, opts);
    });

  program
    .command("main")
    .description("the main job (npm start): make the shipped data set if missing, run the default strategy on it, write results/")
    .option("--quiet", "no log lines or progress")
    .option("--store <dir|url>", "the object store: a directory (default ./storage) or a postgres:// URL")
    .option("--resume", "continue from the store's last trading state")
    .action(async (opts: { quiet?: boolean; store?: string; resume?: boolean }) => {
      await mainJob(opts);
    });

  registerStoreCommand(program);
  registerReportCommand(program);
  registerGreeksCommand(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof TradeloomError || err instanceof Error) {
      process.stderr.write(`${err.name}: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
