/**
 * Chooses the options bot's parameters with a cheap proxy on a LEAN data folder and saves them as
 * the guide's research does (usage pattern 6): ObjectStore.Save("optimized_params_v3", json).
 * See docs/bot-research.md.
 *   node bin/run-ts.js scripts/research/optimize-params.ts [--store DIR] [--data-folder DIR]
 *        [--ticker T] [--train-fraction F] [--cancel-after-seconds S]
 */
import { optimizeParameters, type ParameterEvaluation } from "../../src/algorithms/lib/research.ts";
import { parseResearchArgs, percent } from "./research-args.ts";

const args = parseResearchArgs("optimize-params", {
  "cancel-after-seconds": { description: "carried into the result unchanged (not identifiable from minute data; default 2.5)" },
});
const cancelText = args.extra["cancel-after-seconds"];
const cancelAfterSeconds = cancelText === undefined ? undefined : Number(cancelText);
if (cancelAfterSeconds !== undefined && !(cancelAfterSeconds > 0)) {
  console.error(`optimize-params: --cancel-after-seconds expects a positive number, got "${cancelText}"`);
  process.exit(2);
}
const started = performance.now();
const result = optimizeParameters({ dataFolder: args.dataFolder, ticker: args.ticker, store: args.store, trainFraction: args.trainFraction, cancelAfterSeconds });
const ms = Math.round(performance.now() - started);

const describe = (e: ParameterEvaluation) => {
  const p = e.parameters;
  return `thresholds ${JSON.stringify(p.profit_thresholds).padEnd(16)} chains ${p.max_option_chains} delta ${JSON.stringify(p.delta_range).padEnd(11)}`;
};
const score = (s: ParameterEvaluation["inSample"]) => `${String(s.trades).padStart(3)} trades, win ${percent(s.wins / Math.max(1, s.trades)).padStart(6)}, return on risk ${percent(s.returnOnRisk).padStart(6)}`;

console.log(`optimize-params: ${args.ticker.toUpperCase()} in ${args.dataFolder}: ${result.evaluations.length} parameter sets, in sample ${result.trainSessions} sessions, out of sample ${result.testSessions}`);
for (const e of result.evaluations) console.log(`  ${describe(e)} | in: ${score(e.inSample)} | out: ${score(e.outOfSample)}${e === result.best ? "  <- best in sample" : ""}`);
console.log(`  the guide's parameters: in: ${score(result.guide.inSample)} | out: ${score(result.guide.outOfSample)}`);
console.log(`  cancel_after_seconds ${result.optimized.cancel_after_seconds}: carried through, not optimised (minute data cannot resolve seconds)`);
if (result.saved) console.log(`  saved ${result.saved.key} = ${result.saved.json} -> ${args.store}`);
console.log(`  done in ${ms} ms`);
