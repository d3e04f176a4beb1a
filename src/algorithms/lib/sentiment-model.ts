// The bot's small ML model: a logistic regression on standardised daily features predicting
// whether the underlying closes higher the next session; trained by plain full-batch gradient
// descent from zero weights (deterministic: same data, same bytes). Plus its binary form and the
// guide's research → live path through the object store (usage pattern 5):
//   serialize → gzip → base64 → ObjectStore.Save("sentiment_model_v2", encoded)
//   ContainsKey → Read → base64 decode → gunzip → deserialize
// Knows the plain store's methods only; nothing of the engine.
import { gunzipSync, gzipSync } from "fflate";

/** The features, in the model's order (docs/bot-research.md defines each). */
export const SENTIMENT_MODEL_FEATURES = ["sentiment_mean", "headline_count", "return_1d", "iv_minus_rv"] as const;

export interface SentimentModel {
  featureNames: string[];
  bias: number;
  weights: number[];
  /** training-set mean and standard deviation of each feature (for standardising) */
  mean: number[];
  std: number[];
}

export interface TrainingOptions {
  /** gradient-descent steps (default 2000) */
  iterations?: number;
  /** step size (default 0.1) */
  learningRate?: number;
  /** L2 penalty on the weights, not the bias (default 0.01) */
  l2?: number;
}

export class ModelFormatError extends Error {
  override readonly name = "ModelFormatError";
}

/** Trains on rows of features (all the same length) and 0/1 labels. */
export function trainLogisticRegression(featureNames: readonly string[], rows: readonly (readonly number[])[], labels: readonly number[], options: TrainingOptions = {}): SentimentModel {
  const n = featureNames.length;
  const m = rows.length;
  if (m === 0) throw new RangeError("trainLogisticRegression: no training rows");
  if (labels.length !== m) throw new RangeError(`trainLogisticRegression: ${m} rows but ${labels.length} labels`);
  for (let i = 0; i < m; i++) {
    if (rows[i].length !== n) throw new RangeError(`trainLogisticRegression: row ${i} has ${rows[i].length} features, expected ${n}`);
    if (!rows[i].every(Number.isFinite)) throw new RangeError(`trainLogisticRegression: row ${i} has a non-finite feature`);
    if (labels[i] !== 0 && labels[i] !== 1) throw new RangeError(`trainLogisticRegression: label ${i} is ${labels[i]}, expected 0 or 1`);
  }
  const iterations = options.iterations ?? 2000;
  const rate = options.learningRate ?? 0.1;
  const l2 = options.l2 ?? 0.01;
  const mean = new Array<number>(n).fill(0);
  const std = new Array<number>(n).fill(0);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += rows[i][j];
    mean[j] = s / m;
    let v = 0;
    for (let i = 0; i < m; i++) v += (rows[i][j] - mean[j]) ** 2;
    // a constant feature gets std 1: it then contributes nothing after centring
    std[j] = Math.sqrt(v / m) || 1;
  }
  const x = rows.map((row) => row.map((value, j) => (value - mean[j]) / std[j]));
  const weights = new Array<number>(n).fill(0);
  let bias = 0;
  const gradient = new Array<number>(n);
  for (let step = 0; step < iterations; step++) {
    gradient.fill(0);
    let gradientBias = 0;
    for (let i = 0; i < m; i++) {
      let z = bias;
      for (let j = 0; j < n; j++) z += weights[j] * x[i][j];
      const error = sigmoid(z) - labels[i];
      gradientBias += error;
      for (let j = 0; j < n; j++) gradient[j] += error * x[i][j];
    }
    bias -= (rate * gradientBias) / m;
    for (let j = 0; j < n; j++) weights[j] -= rate * (gradient[j] / m + l2 * weights[j]);
  }
  return { featureNames: [...featureNames], bias, weights, mean, std };
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** P(up) for one row of features in the model's order. */
export function predictProbability(model: SentimentModel, features: readonly number[]): number {
  if (features.length !== model.weights.length) {
    throw new RangeError(`predictProbability: ${features.length} features, the model has ${model.weights.length} (${model.featureNames.join(", ")})`);
  }
  let z = model.bias;
  for (let j = 0; j < features.length; j++) z += model.weights[j] * ((features[j] - model.mean[j]) / model.std[j]);
  return sigmoid(z);
}

/** Whether the model predicts an up day (P(up) > 0.5). */
export function predictUp(model: SentimentModel, features: readonly number[]): boolean {
  return predictProbability(model, features) > 0.5;
}

// ---- binary form ---------------------------------------------------------------------------
//
// Little-endian throughout:
//   0  4 bytes  magic "TLLR" (tradeloom logistic regression)
//   4  u16      format version (1)
//   6  u16      feature count n
//   8  f64      bias
//  16  f64 × n  weights
//      f64 × n  means
//      f64 × n  standard deviations
//      n × (u16 byte length + UTF-8 bytes)  feature names
// Nothing follows. Float64 keeps every weight exactly, so deserialize(serialize(m)) = m and
// serialize(deserialize(bytes)) = bytes.

export const MODEL_MAGIC = "TLLR";
export const MODEL_FORMAT_VERSION = 1;

export function serializeModel(model: SentimentModel): Uint8Array {
  const n = model.weights.length;
  if (model.featureNames.length !== n || model.mean.length !== n || model.std.length !== n) {
    throw new ModelFormatError(`serializeModel: ${n} weights but ${model.featureNames.length} names, ${model.mean.length} means, ${model.std.length} stds`);
  }
  if (n > 0xffff) throw new ModelFormatError(`serializeModel: ${n} features (at most 65535)`);
  const names = model.featureNames.map((name) => new TextEncoder().encode(name));
  for (const [i, name] of names.entries()) if (name.byteLength > 0xffff) throw new ModelFormatError(`serializeModel: feature name ${i} is longer than 65535 bytes`);
  const size = 16 + 24 * n + names.reduce((s, b) => s + 2 + b.byteLength, 0);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode(MODEL_MAGIC), 0);
  view.setUint16(4, MODEL_FORMAT_VERSION, true);
  view.setUint16(6, n, true);
  view.setFloat64(8, model.bias, true);
  let offset = 16;
  for (const column of [model.weights, model.mean, model.std]) {
    for (const value of column) {
      view.setFloat64(offset, value, true);
      offset += 8;
    }
  }
  for (const name of names) {
    view.setUint16(offset, name.byteLength, true);
    bytes.set(name, offset + 2);
    offset += 2 + name.byteLength;
  }
  return bytes;
}

export function deserializeModel(bytes: Uint8Array): SentimentModel {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (end: number, what: string) => {
    if (end > bytes.byteLength) throw new ModelFormatError(`model bytes truncated: ${what} needs ${end} bytes, got ${bytes.byteLength}`);
  };
  need(16, "the header");
  const magic = new TextDecoder().decode(bytes.subarray(0, 4));
  if (magic !== MODEL_MAGIC) throw new ModelFormatError(`not a tradeloom model: magic ${JSON.stringify(magic)}, expected "${MODEL_MAGIC}"`);
  const version = view.getUint16(4, true);
  if (version !== MODEL_FORMAT_VERSION) throw new ModelFormatError(`model format version ${version} is not supported (this build reads ${MODEL_FORMAT_VERSION})`);
  const n = view.getUint16(6, true);
  const bias = view.getFloat64(8, true);
  need(16 + 24 * n, `${n} features`);
  let offset = 16;
  const column = () => {
    const out: number[] = [];
    for (let j = 0; j < n; j++, offset += 8) out.push(view.getFloat64(offset, true));
    return out;
  };
  const weights = column();
  const mean = column();
  const std = column();
  const featureNames: string[] = [];
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for (let j = 0; j < n; j++) {
    need(offset + 2, `feature name ${j}`);
    const length = view.getUint16(offset, true);
    need(offset + 2 + length, `feature name ${j}`);
    featureNames.push(decoder.decode(bytes.subarray(offset + 2, offset + 2 + length)));
    offset += 2 + length;
  }
  if (offset !== bytes.byteLength) throw new ModelFormatError(`model bytes: ${bytes.byteLength - offset} unexpected bytes after the feature names`);
  if (![bias, ...weights, ...mean, ...std].every(Number.isFinite)) throw new ModelFormatError("model bytes: a non-finite number");
  if (!std.every((s) => s > 0)) throw new ModelFormatError("model bytes: a standard deviation is not positive");
  return { featureNames, bias, weights, mean, std };
}

// ---- the object store ----------------------------------------------------------------------

/** What the model's store functions need of a plain store: SyncObjectStore has it. */
export interface ModelStore {
  containsKey(key: string): boolean;
  read(key: string): string;
  save(key: string, data: string | Uint8Array): void;
  saveBytes(key: string, bytes: Uint8Array): void;
  readBytes(key: string): Uint8Array;
}

/** The guide's key for the research → live model. */
export const SENTIMENT_MODEL_KEY = "sentiment_model_v2";
/** The raw binary form (no gzip, no base64), saved with saveBytes. */
export const SENTIMENT_MODEL_BINARY_KEY = "sentiment_model_v2.bin";

/** serialize → gzip → base64 (what the guide stores). gzip carries no timestamp, so equal models give equal text. */
export function encodeModel(model: SentimentModel): string {
  return Buffer.from(gzipSync(serializeModel(model), { level: 9, mtime: 0 })).toString("base64");
}

/** base64 decode → gunzip → deserialize. */
export function decodeModel(encoded: string): SentimentModel {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded.trim())) throw new ModelFormatError("the stored model is not base64 text");
  let raw: Uint8Array;
  try {
    raw = gunzipSync(Buffer.from(encoded, "base64"));
  } catch (error) {
    throw new ModelFormatError(`the stored model is not gzip data: ${(error as Error).message}`);
  }
  return deserializeModel(raw);
}

/**
 * The guide's research side: `qb.ObjectStore.Save("sentiment_model_v2", encoded)` through the
 * plain store. Such an object has no category and no expiry (see docs/bot-research.md).
 * Returns the base64 text saved.
 */
export function saveModelToStore(store: ModelStore, model: SentimentModel, key: string = SENTIMENT_MODEL_KEY): string {
  const encoded = encodeModel(model);
  store.save(key, encoded);
  return encoded;
}

/** The guide's live side: null when the key is absent (or expired), as the guide's function returns None. */
export function loadModelFromStore(store: ModelStore, key: string = SENTIMENT_MODEL_KEY): SentimentModel | null {
  if (!store.containsKey(key)) return null;
  return decodeModel(store.read(key));
}

/** The binary form through saveBytes. Returns the bytes saved. */
export function saveModelBytes(store: ModelStore, model: SentimentModel, key: string = SENTIMENT_MODEL_BINARY_KEY): Uint8Array {
  const bytes = serializeModel(model);
  store.saveBytes(key, bytes);
  return bytes;
}

export function loadModelBytes(store: ModelStore, key: string = SENTIMENT_MODEL_BINARY_KEY): SentimentModel | null {
  if (!store.containsKey(key)) return null;
  return deserializeModel(store.readBytes(key));
}
