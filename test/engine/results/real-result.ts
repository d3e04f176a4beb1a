// A real backtest result for the report tests: LEAN's UpdateOrderRegressionAlgorithm port (two years of
// daily SPY, 24 orders, building a short position) run on LEAN's sample data, as `--json` writes it.
import { fileURLToPath } from "node:url";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { backtestCommand } from "../../../src/engine/cli/main.ts";
import { toResultJson, type ResultJson } from "../../../src/engine/results/result-json.ts";
import { leanDataFolder } from "../../lean-parity/lean-data.ts";

export const UPDATE_ORDER_ALGORITHM = fileURLToPath(new URL("../../lean-parity/algorithms/update-order-regression-algorithm.ts", import.meta.url));

let cached: ResultJson | undefined;

export async function realResult(): Promise<ResultJson> {
  if (!cached) {
    const store = mkdtempSync(join(tmpdir(), "tradeloom-report-store-"));
    const result = await backtestCommand(UPDATE_ORDER_ALGORITHM, { dataFolder: leanDataFolder, quiet: true, store });
    // through JSON text, as a file on disk would be read back
    cached = JSON.parse(JSON.stringify(toResultJson(result))) as ResultJson;
  }
  return structuredClone(cached);
}
