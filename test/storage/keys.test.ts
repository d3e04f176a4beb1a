import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { InvalidKeyError, MAX_KEY_BYTES, normalizeKey, normalizePrefix } from "../../src/storage/index.ts";

describe("normalizeKey", () => {
  it.each([
    ["", "must not be empty"],
    ["a//b", "segment 2 is empty"],
    ["a/", "segment 2 is empty"],
    ["./a", "'.' segments are not allowed"],
    ["a/./b", "'.' segments are not allowed"],
    ["..", "'..' segments are not allowed"],
    ["a/../../x", "'..' segments are not allowed"],
    ["/abs", "leading '/'"],
    ["a\\b", "backslashes"],
    ["C:/x", "drive letter"],
    ["c:model", "drive letter"],
    ["a\u0000b", "NUL"],
    ["a\nb", "U+000A"],
    ["a\u007fb", "U+007F"],
    ["a\u0085b", "U+0085"],
    ["x\uD800", "lone surrogate"],
    ["\uDC00x", "lone surrogate"],
  ])("rejects %j (%s)", (key, reason) => {
    expect(() => normalizeKey(key)).toThrow(InvalidKeyError);
    expect(() => normalizeKey(key)).toThrow(reason);
  });

  it("names the key in the message", () => {
    expect(() => normalizeKey("../x")).toThrow(`key "../x": '..' segments are not allowed`);
  });

  it("rejects non-strings", () => {
    expect(() => normalizeKey(undefined)).toThrow(InvalidKeyError);
    expect(() => normalizeKey(42)).toThrow("a key must be a string");
  });

  it("accepts keys LEAN refuses but that are safe: dots, colons after the first segment start, spaces, unicode", () => {
    for (const key of ["model.v2.json", "ab:c/d", "x/C:y", "greeks_SPY 240119C00470000_2024-01-02", ".hidden", "a/b.c/d..e", "日本/株価", "😀"]) {
      expect(normalizeKey(key)).toBe(key);
    }
  });

  it("NFC-normalises and keeps case", () => {
    expect(normalizeKey("cafe\u0301")).toBe("caf\u00e9");
    expect(normalizeKey("Model")).not.toBe(normalizeKey("model"));
  });

  it("limits keys to 1024 UTF-8 bytes", () => {
    expect(normalizeKey("a".repeat(MAX_KEY_BYTES))).toHaveLength(1024);
    expect(() => normalizeKey("a".repeat(1025))).toThrow("1025 UTF-8 bytes");
    // 342 three-byte characters = 1026 bytes although only 342 UTF-16 units
    expect(() => normalizeKey("€".repeat(342))).toThrow("1026 UTF-8 bytes");
  });

  it("prefixes may be empty or end with '/'", () => {
    expect(normalizePrefix("")).toBe("");
    expect(normalizePrefix("a/b/")).toBe("a/b/");
    expect(() => normalizePrefix("../")).toThrow(InvalidKeyError);
  });

  it("property: a key either throws InvalidKeyError or normalises idempotently to a safe NFC key", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (raw) => {
        let key: string;
        try {
          key = normalizeKey(raw);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidKeyError);
          return;
        }
        expect(normalizeKey(key)).toBe(key);
        expect(key).toBe(key.normalize("NFC"));
        expect(key.startsWith("/")).toBe(false);
        expect(key.includes("\\")).toBe(false);
        expect(key.split("/")).not.toContain("..");
        expect(key.split("/")).not.toContain("");
        expect(/[\u0000-\u001f]/.test(key)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
