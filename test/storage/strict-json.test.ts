import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Decimal } from "decimal.js";
import { UnserializableValueError, toStrictJson } from "../../src/storage/index.ts";

function failure(value: unknown): UnserializableValueError {
  try {
    toStrictJson(value, "k");
  } catch (error) {
    expect(error).toBeInstanceOf(UnserializableValueError);
    return error as UnserializableValueError;
  }
  throw new Error("expected toStrictJson to throw");
}

describe("toStrictJson", () => {
  it.each([
    [{ a: { b: [1, NaN] } }, "$.a.b[1]", "NaN"],
    [{ x: Infinity }, "$.x", "Infinity"],
    [[-Infinity], "$[0]", "-Infinity"],
    [{ a: undefined }, "$.a", "undefined"],
    [undefined, "$", "undefined"],
    [[1, undefined], "$[1]", "undefined"],
    [{ m: new Map([[1, 2]]) }, "$.m", "Map"],
    [{ s: new Set([1]) }, "$.s", "Set"],
    [{ n: 10n }, "$.n", "BigInt"],
    [{ f: () => 1 }, "$.f", "function"],
    [{ "odd key": { y: Symbol("s") } }, '$["odd key"].y', "symbol"],
    [{ r: /x/ }, "$.r", "RegExp"],
    [{ t: new Uint8Array(2) }, "$.t", "Uint8Array"],
    // eslint-disable-next-line no-sparse-arrays
    [[1, , 3], "$[1]", "sparse"],
  ])("refuses %o at %s", (value, path, reason) => {
    const error = failure(value);
    expect(error.path).toBe(path);
    expect(error.message).toContain(path);
    expect(error.message).toContain(reason);
    expect(error.message).toContain('key "k"');
  });

  it("refuses cycles, naming where the cycle closes", () => {
    const a: Record<string, unknown> = { b: { c: [] as unknown[] } };
    ((a.b as { c: unknown[] }).c).push(a);
    const error = failure(a);
    expect(error.path).toBe("$.b.c[0]");
    expect(error.message).toContain("cycle");
  });

  it("allows shared (non-cyclic) references", () => {
    const shared = { v: 1 };
    expect(toStrictJson({ a: shared, b: shared })).toBe('{"a":{"v":1},"b":{"v":1}}');
  });

  it("writes values with toJSON (Date, Decimal) as JSON.stringify does", () => {
    const value = { at: new Date(Date.UTC(2024, 0, 2)), cash: new Decimal("100.10") };
    expect(toStrictJson(value)).toBe(JSON.stringify(value));
    expect(failure({ d: { toJSON: () => NaN } }).path).toBe("$.d");
  });

  it("refuses enumerable symbol keys in objects small and large; a non-enumerable one is allowed", () => {
    const small = { a: 1, [Symbol("s")]: 2 };
    const large: Record<string | symbol, unknown> = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, i]));
    large[Symbol("s")] = 3;
    for (const [value, path] of [
      [{ x: small }, "$.x"],
      [[1, large], "$[1]"],
    ] as const) {
      const error = failure(value);
      expect(error.path).toBe(path);
      expect(error.message).toContain("has symbol keys");
    }
    const hidden = { a: 1 };
    Object.defineProperty(hidden, Symbol("h"), { value: 2, enumerable: false });
    expect(toStrictJson({ hidden })).toBe('{"hidden":{"a":1}}');
  });

  it("finds a bad value among many keys, and tells a hole from an undefined element", () => {
    const many: Record<string, unknown> = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, { v: i }]));
    (many.k37 as { v: unknown }).v = Infinity;
    expect(failure({ many }).path).toBe("$.many.k37.v");
    // eslint-disable-next-line no-sparse-arrays
    expect(failure({ a: [0, , 2] }).message).toContain("$.a[1] is a hole in a sparse array");
    expect(failure({ a: [0, undefined, 2] }).message).toContain("$.a[1] is undefined");
  });

  it("allows null-prototype objects", () => {
    const o = Object.create(null) as Record<string, number>;
    o.x = 1;
    expect(toStrictJson(o)).toBe('{"x":1}');
  });

  it("property: every JSON value serialises exactly as JSON.stringify and round-trips", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = toStrictJson(value);
        expect(text).toBe(JSON.stringify(value));
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });

  it("property: a NaN planted anywhere is reported at its path", () => {
    const tree = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.constant("NAN"),
        fc.array(tie("node"), { maxLength: 3 }),
        fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), tie("node"), { maxKeys: 3 }),
      ),
    })).node;
    fc.assert(
      fc.property(tree, (shape) => {
        // replace the first "NAN" marker (in JSON.stringify order) with NaN and remember its path
        let planted: string | null = null;
        const build = (v: unknown, path: string): unknown => {
          if (v === "NAN") {
            if (planted === null) {
              planted = path;
              return NaN;
            }
            return 0;
          }
          if (Array.isArray(v)) return v.map((x, i) => build(x, `${path}[${i}]`));
          if (v && typeof v === "object") {
            const out: Record<string, unknown> = {};
            for (const [k, x] of Object.entries(v)) {
              out[k] = build(x, /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`);
            }
            return out;
          }
          return v;
        };
        const value = build(shape, "$");
        if (planted === null) {
          expect(toStrictJson(value)).toBe(JSON.stringify(value));
        } else {
          expect(failure(value).path).toBe(planted);
        }
      }),
      { numRuns: 300 },
    );
  });
});
