// The bot's logistic regression: training, its binary form, and the guide's research → live
// path through a real SQLite object store (pattern 5).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import { gunzipSync } from "fflate";
import {
  MODEL_MAGIC,
  ModelFormatError,
  SENTIMENT_MODEL_BINARY_KEY,
  SENTIMENT_MODEL_FEATURES,
  SENTIMENT_MODEL_KEY,
  decodeModel,
  deserializeModel,
  encodeModel,
  loadModelBytes,
  loadModelFromStore,
  predictProbability,
  predictUp,
  saveModelBytes,
  saveModelToStore,
  serializeModel,
  trainLogisticRegression,
  type SentimentModel,
} from "../../../src/algorithms/lib/sentiment-model.ts";
import { featureRow } from "../../../src/algorithms/lib/daily-features.ts";
import { tempStore, type TempStore } from "./helpers.ts";

/** A deterministic data set where the label depends on the first feature (plus noise) and the second is noise. */
function synthetic(count: number, seed: number): { rows: number[][]; labels: number[] } {
  let state = seed >>> 0;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < count; i++) {
    const signal = uniform() * 2 - 1;
    const noise = uniform() * 10;
    rows.push([signal, noise]);
    labels.push(signal + (uniform() - 0.5) * 0.6 > 0 ? 1 : 0);
  }
  return { rows, labels };
}

const sampleModel: SentimentModel = {
  featureNames: [...SENTIMENT_MODEL_FEATURES],
  bias: 0.0829545896677083,
  weights: [0.10273451549188642, 0.1380506016624503, 0.09237324845475248, -0.17741146669113683],
  mean: [0.018262212942361564, 11.11, 0.0005836563731732225, 0.02875198706413269],
  std: [0.3126319563230326, 2.760054347291008, 0.011239106604702146, 0.03122725716396424],
};

describe("trainLogisticRegression", () => {
  it("is deterministic: the same data gives the same model, bit for bit", () => {
    const { rows, labels } = synthetic(200, 7);
    const a = trainLogisticRegression(["signal", "noise"], rows, labels);
    const b = trainLogisticRegression(["signal", "noise"], rows, labels);
    expect(serializeModel(a)).toEqual(serializeModel(b));
  });

  it("learns a real signal: beats the constant predictor out of sample and weights the signal over the noise", () => {
    const train = synthetic(300, 1);
    const test = synthetic(300, 2);
    const model = trainLogisticRegression(["signal", "noise"], train.rows, train.labels);
    const right = test.rows.filter((row, i) => (predictUp(model, row) ? 1 : 0) === test.labels[i]).length / test.rows.length;
    const ups = train.labels.filter((l) => l === 1).length;
    const majority = ups * 2 >= train.labels.length ? 1 : 0;
    const constant = test.labels.filter((l) => l === majority).length / test.labels.length;
    expect(right).toBeGreaterThan(0.85);
    expect(right).toBeGreaterThan(constant + 0.25);
    expect(Math.abs(model.weights[0])).toBeGreaterThan(10 * Math.abs(model.weights[1]));
    expect(model.weights[0]).toBeGreaterThan(0);
  });

  it("standardises with the training mean and std (a constant feature gets std 1)", () => {
    const model = trainLogisticRegression(["a", "k"], [[1, 5], [3, 5], [5, 5]], [0, 1, 1], { iterations: 10 });
    expect(model.mean).toEqual([3, 5]);
    expect(model.std[0]).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(model.std[1]).toBe(1);
    expect(model.weights[1]).toBe(0);
  });

  it("refuses unusable training data", () => {
    expect(() => trainLogisticRegression(["a"], [], [])).toThrow(/no training rows/);
    expect(() => trainLogisticRegression(["a"], [[1]], [2])).toThrow(/expected 0 or 1/);
    expect(() => trainLogisticRegression(["a"], [[NaN]], [1])).toThrow(/non-finite/);
    expect(() => trainLogisticRegression(["a", "b"], [[1]], [1])).toThrow(/row 0 has 1 features, expected 2/);
    expect(() => predictProbability(sampleModel, [1, 2])).toThrow(/2 features, the model has 4/);
  });

  it("builds the feature row the model was trained on: mean score, count, return, IV - RV", () => {
    expect(featureRow({ headlineScores: [0.5, -0.25, 0.75], return1d: 0.01, atmIv: 0.18, realisedVol: 0.15 })).toEqual([1 / 3, 3, 0.01, 0.18 - 0.15]);
    expect(featureRow({ headlineScores: [], return1d: -0.02, atmIv: 0.2, realisedVol: 0.25 })).toEqual([0, 0, -0.02, 0.2 - 0.25]);
  });
});

describe("the model's binary form", () => {
  it("has the documented layout: magic, version, count, bias, weights, means, stds, names", () => {
    const bytes = serializeModel(sampleModel);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe(MODEL_MAGIC);
    expect(view.getUint16(4, true)).toBe(1);
    expect(view.getUint16(6, true)).toBe(4);
    expect(view.getFloat64(8, true)).toBe(sampleModel.bias);
    expect(view.getFloat64(16, true)).toBe(sampleModel.weights[0]);
    expect(view.getFloat64(16 + 32, true)).toBe(sampleModel.mean[0]);
    expect(view.getFloat64(16 + 64, true)).toBe(sampleModel.std[0]);
    expect(view.getUint16(16 + 96, true)).toBe("sentiment_mean".length);
    const namesBytes = SENTIMENT_MODEL_FEATURES.reduce((s, n) => s + 2 + n.length, 0);
    expect(bytes.byteLength).toBe(16 + 96 + namesBytes);
  });

  it("round-trips exactly: deserialize(serialize(m)) = m and serialize(deserialize(b)) = b", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ maxLength: 12 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ min: 1e-9, max: 1e9, noNaN: true })), { maxLength: 8 }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        (features, bias) => {
          const model: SentimentModel = { featureNames: features.map((f) => f[0]), bias, weights: features.map((f) => f[1]), mean: features.map((f) => f[2]), std: features.map((f) => f[3]) };
          const bytes = serializeModel(model);
          const back = deserializeModel(bytes);
          expect(back).toEqual(model);
          expect(serializeModel(back)).toEqual(bytes);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("rejects bytes that are not a model, with the reason", () => {
    const bytes = serializeModel(sampleModel);
    const bad = (mutate: (b: Uint8Array) => Uint8Array) => () => deserializeModel(mutate(bytes.slice()));
    expect(bad((b) => ((b[0] = 0x50), b))).toThrow(ModelFormatError);
    expect(bad((b) => ((b[0] = 0x50), b))).toThrow(/not a tradeloom model/);
    expect(bad((b) => ((b[4] = 9), b))).toThrow(/format version 9 is not supported/);
    expect(bad((b) => b.subarray(0, 40))).toThrow(/truncated/);
    expect(bad((b) => b.subarray(0, b.byteLength - 1))).toThrow(/truncated: feature name 3/);
    expect(bad((b) => new Uint8Array([...b, 0]))).toThrow(/1 unexpected bytes/);
    expect(() => serializeModel({ ...sampleModel, mean: [1] })).toThrow(/4 weights but 4 names, 1 means/);
  });
});

describe("the guide's research → live path through the object store", () => {
  let t: TempStore;
  beforeEach(() => {
    t = tempStore();
  });
  afterEach(() => {
    t.close();
  });

  it("saves serialize → gzip → base64 text under sentiment_model_v2 and loads it back with ContainsKey → Read → decode", () => {
    expect(loadModelFromStore(t.store)).toBeNull();
    const encoded = saveModelToStore(t.store, sampleModel);
    expect(t.store.containsKey(SENTIMENT_MODEL_KEY)).toBe(true);
    const stored = t.store.read(SENTIMENT_MODEL_KEY);
    expect(stored).toBe(encoded);
    expect(stored).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const gz = Buffer.from(stored, "base64");
    expect([gz[0], gz[1]]).toEqual([0x1f, 0x8b]);
    expect(gunzipSync(gz)).toEqual(serializeModel(sampleModel));
    // a new handle on the same store (the live algorithm) reads the same model
    t = t.reopen();
    expect(loadModelFromStore(t.store)).toEqual(sampleModel);
    expect(encodeModel(sampleModel)).toBe(encoded);
    expect(decodeModel(encoded)).toEqual(sampleModel);
  });

  it("saves the raw bytes under sentiment_model_v2.bin with saveBytes", () => {
    expect(loadModelBytes(t.store)).toBeNull();
    const bytes = saveModelBytes(t.store, sampleModel);
    expect(new Uint8Array(t.store.readBytes(SENTIMENT_MODEL_BINARY_KEY))).toEqual(bytes);
    expect(loadModelBytes(t.store)).toEqual(sampleModel);
  });

  it("is an uncategorised, never-expiring object to the manager (the guide saves with the plain store)", () => {
    saveModelToStore(t.store, sampleModel);
    const meta = t.manager.getMetadata(SENTIMENT_MODEL_KEY)!;
    expect(meta.category).toBeNull();
    expect(meta.expiresAt).toBeNull();
    expect(t.manager.load(SENTIMENT_MODEL_KEY)).toBe(encodeModel(sampleModel));
    expect(t.manager.listKeys("ml_models")).toEqual([]);
    expect(t.manager.listKeys()).toEqual([SENTIMENT_MODEL_KEY]);
  });

  it("refuses a stored value that is not a model", () => {
    t.store.save(SENTIMENT_MODEL_KEY, "not base64!");
    expect(() => loadModelFromStore(t.store)).toThrow(/not base64/);
    t.store.save(SENTIMENT_MODEL_KEY, Buffer.from("plain text").toString("base64"));
    expect(() => loadModelFromStore(t.store)).toThrow(/not gzip data/);
  });
});
