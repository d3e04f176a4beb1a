/**
 * Trains the options bot's sentiment model on a LEAN data folder and saves it into the object
 * store as the guide's research notebook does (usage pattern 5). See docs/bot-research.md.
 *   node bin/run-ts.js scripts/research/train-sentiment-model.ts [--store DIR] [--data-folder DIR]
 *        [--ticker T] [--train-fraction F]
 */
import { trainSentimentModel } from "../../src/algorithms/lib/research.ts";
import { parseResearchArgs, percent } from "./research-args.ts";

const args = parseResearchArgs("train-sentiment-model");
const started = performance.now();
const result = trainSentimentModel({ dataFolder: args.dataFolder, ticker: args.ticker, store: args.store, trainFraction: args.trainFraction });
const { model, samples, trainCount, inSample, outOfSample } = result;
const ms = Math.round(performance.now() - started);

console.log(`train-sentiment-model: ${args.ticker.toUpperCase()} in ${args.dataFolder}`);
console.log(`  ${result.headlines} headlines scored with the word-list provider; ${samples.length} daily samples (${result.skippedSessions} sessions skipped: no ATM implied volatility)`);
console.log(`  fit on ${trainCount} sessions ${samples[0].date}..${samples[trainCount - 1].date}, tested on ${samples.length - trainCount} sessions ${samples[trainCount]?.date ?? "-"}..${samples[samples.length - 1].date}`);
console.log(`  logistic regression: bias ${model.bias.toFixed(4)}, weights ${model.featureNames.map((n, j) => `${n} ${model.weights[j].toFixed(4)}`).join(", ")}`);
console.log(`  accuracy in sample     ${percent(inSample.model)} (constant "${result.majorityLabel ? "up" : "down"}" ${percent(inSample.constant)})`);
console.log(`  accuracy out of sample ${percent(outOfSample.model)} (constant "${result.majorityLabel ? "up" : "down"}" ${percent(outOfSample.constant)})`);
if (!(outOfSample.model > outOfSample.constant)) {
  console.log("  the model does not beat the constant predictor out of sample (the generated headlines only describe past moves: docs/bot-research.md)");
}
for (const s of result.saved) console.log(`  saved ${s.key} (${s.kind}, ${s.bytes} bytes) -> ${args.store}`);
console.log(`  done in ${ms} ms`);
