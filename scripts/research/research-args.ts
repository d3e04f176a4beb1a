// The research scripts' shared command line: --store DIR, --data-folder DIR, --ticker T,
// --train-fraction F. Usage errors exit with status 2 and a message.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_DATA_FOLDER, DEFAULT_TICKER, DEFAULT_TRAIN_FRACTION } from "../../src/algorithms/lib/research.ts";

export interface ResearchArgs {
  store: string;
  dataFolder: string;
  ticker: string;
  trainFraction: number;
  extra: Record<string, string | undefined>;
}

export function parseResearchArgs(script: string, extraOptions: Record<string, { description: string }> = {}): ResearchArgs {
  const usageLine =
    `usage: node bin/run-ts.js scripts/research/${script}.ts [--store DIR] [--data-folder DIR] [--ticker T] [--train-fraction F]` +
    Object.keys(extraOptions).map((name) => ` [--${name} X]`).join("");
  const fail = (message: string): never => {
    console.error(`${script}: ${message}`);
    console.error(usageLine);
    process.exit(2);
  };
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        store: { type: "string" },
        "data-folder": { type: "string" },
        ticker: { type: "string" },
        "train-fraction": { type: "string" },
        help: { type: "boolean", short: "h" },
        ...Object.fromEntries(Object.keys(extraOptions).map((name) => [name, { type: "string" as const }])),
      },
    }));
  } catch (error) {
    return fail((error as Error).message);
  }
  if (values.help) {
    console.log(usageLine);
    for (const [name, { description }] of Object.entries(extraOptions)) console.log(`  --${name}: ${description}`);
    process.exit(0);
  }
  const dataFolder = resolve((values["data-folder"] as string | undefined) ?? DEFAULT_DATA_FOLDER);
  if (!existsSync(dataFolder)) {
    fail(`no data folder at ${dataFolder}: generate the shipped data set with \`node bin/tradeloom.js main --quiet\` (or \`npm run data\`), or pass --data-folder`);
  }
  const fractionText = values["train-fraction"] as string | undefined;
  const trainFraction = fractionText === undefined ? DEFAULT_TRAIN_FRACTION : Number(fractionText);
  if (!(trainFraction > 0 && trainFraction < 1)) fail(`--train-fraction expects a number between 0 and 1, got "${fractionText}"`);
  const extra: Record<string, string | undefined> = {};
  for (const name of Object.keys(extraOptions)) extra[name] = values[name] as string | undefined;
  return {
    store: resolve((values.store as string | undefined) ?? "./storage"),
    dataFolder,
    ticker: (values.ticker as string | undefined) ?? DEFAULT_TICKER,
    trainFraction,
    extra,
  };
}

export function percent(x: number): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : "n/a";
}
