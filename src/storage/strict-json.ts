// Strict JSON: serialises a value only if JSON.stringify would represent it faithfully.
// NaN, Infinity, undefined, Map, Set, BigInt, functions, symbols, class instances without
// toJSON, sparse arrays and cycles are refused with an error naming the path inside the value
// ($.positions.SPY[2]) instead of being silently turned into null, {} or dropped.
import { UnserializableValueError } from "./errors.ts";

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function child(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value !== "object") return typeof value;
  const ctor = (value as object).constructor;
  return ctor && typeof ctor.name === "string" && ctor.name !== "" ? `a ${ctor.name}` : "an object without prototype";
}

/**
 * The fast check: true when JSON.stringify would write `value` faithfully. It builds no paths
 * and keeps no set of visited objects (a cycle shows up as depth beyond MAX_FAST_DEPTH); only
 * when it says no does the slow walk run, which names the path and tells cycles apart.
 */
const MAX_FAST_DEPTH = 512;
/**
 * Plain objects with at most this many keys are read with Object.values, which is quick for
 * the small objects V8 keeps in fast mode; bigger ones (usually dictionaries, where
 * Object.values is slow) are read key by key.
 */
const MAX_KEYS_READ_AT_ONCE = 16;

function isFaithful(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value);
    case "object":
      return value === null || isFaithfulObject(value, depth);
    default:
      return false;
  }
}

function isFaithfulObject(value: object, depth: number): boolean {
  if (depth > MAX_FAST_DEPTH) return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") {
    return isFaithful((value as { toJSON: (k: string) => unknown }).toJSON(""), depth + 1);
  }
  // a hole in a sparse array reads as undefined, which is refused as undefined itself is
  if (Array.isArray(value)) return areFaithful(value, depth + 1);
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  if (Object.getOwnPropertySymbols(value).length > 0) return false;
  const keys = Object.keys(value);
  if (keys.length <= MAX_KEYS_READ_AT_ONCE) return areFaithful(Object.values(value), depth + 1);
  for (let i = 0; i < keys.length; i++) {
    const v = (value as Record<string, unknown>)[keys[i]];
    // isFaithful written out: numbers and strings are most of a value
    if (typeof v === "number") {
      if (!Number.isFinite(v)) return false;
    } else if (typeof v === "object") {
      if (v !== null && !isFaithfulObject(v, depth + 1)) return false;
    } else if (typeof v !== "string" && typeof v !== "boolean") {
      return false;
    }
  }
  return true;
}

function areFaithful(values: ArrayLike<unknown>, depth: number): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    // isFaithful written out: numbers and strings are most of a value
    if (typeof v === "number") {
      if (!Number.isFinite(v)) return false;
    } else if (typeof v === "object") {
      if (v !== null && !isFaithfulObject(v, depth)) return false;
    } else if (typeof v !== "string" && typeof v !== "boolean") {
      return false;
    }
  }
  return true;
}

/** Throws UnserializableValueError if `value` cannot be written as JSON without change. */
export function assertJsonSerializable(value: unknown, key?: string): void {
  if (isFaithful(value, 0)) return;
  explainUnfaithful(value, key);
}

function explainUnfaithful(value: unknown, key?: string): void {
  const stack = new Set<object>();
  const fail = (path: string, reason: string): never => {
    throw new UnserializableValueError(key, path, reason);
  };
  const visit = (value: unknown, path: string): void => {
    switch (typeof value) {
      case "string":
      case "boolean":
        return;
      case "number":
        if (Number.isNaN(value)) fail(path, "is NaN; JSON has no NaN (store null or a string)");
        if (!Number.isFinite(value)) fail(path, `is ${value}; JSON has no Infinity (store null or a string)`);
        return;
      case "undefined":
        return fail(path, "is undefined; JSON would drop it (use null)");
      case "bigint":
        return fail(path, "is a BigInt; JSON has no BigInt (store it as a string)");
      case "function":
        return fail(path, "is a function; functions cannot be stored");
      case "symbol":
        return fail(path, "is a symbol; symbols cannot be stored");
    }
    if (value === null) return;
    const object = value as object;
    if (stack.has(object)) fail(path, "is a cycle: it contains itself");
    const toJSON = (object as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === "function") {
      // Date, Decimal and the like: what JSON.stringify writes is what toJSON returns.
      stack.add(object);
      visit((toJSON as (k: string) => unknown).call(object, ""), path);
      stack.delete(object);
      return;
    }
    if (object instanceof Map) fail(path, "is a Map; JSON would write {} (convert it with Object.fromEntries)");
    if (object instanceof Set) fail(path, "is a Set; JSON would write {} (convert it with Array.from)");
    stack.add(object);
    if (Array.isArray(object)) {
      for (let i = 0; i < object.length; i++) {
        if (!(i in object)) fail(child(path, i), "is a hole in a sparse array; JSON would write null");
        visit(object[i], child(path, i));
      }
    } else {
      const proto = Object.getPrototypeOf(object);
      if (proto !== Object.prototype && proto !== null) {
        fail(path, `is ${describe(object)}, not a plain object; JSON would not round-trip it (give it a toJSON method or convert it)`);
      }
      if (Object.getOwnPropertySymbols(object).some((s) => Object.prototype.propertyIsEnumerable.call(object, s))) {
        fail(path, "has symbol keys; JSON would drop them");
      }
      for (const k of Object.keys(object)) visit((object as Record<string, unknown>)[k], child(path, k));
    }
    stack.delete(object);
  };
  visit(value, "$");
}

/** JSON.stringify after assertJsonSerializable: throws instead of changing the value. */
export function toStrictJson(value: unknown, key?: string): string {
  assertJsonSerializable(value, key);
  return JSON.stringify(value);
}
