import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataFileNotFoundError, DataFormatError } from "../../../src/engine/data/errors.ts";
import { listZipEntries, readZipEntries, readZipEntry } from "../../../src/engine/data/zip.ts";
import { LEAN_DATA, tempDir, writeZip } from "./helpers.ts";

describe("zip", () => {
  it("reads LEAN's own zips, whose central directory uses zip64 size fields", () => {
    const path = join(LEAN_DATA, "equity/usa/minute/spy/20131007_trade.zip");
    const [info] = listZipEntries(path);
    expect(info.name).toBe("20131007_spy_minute_trade.csv");
    expect(info.uncompressedSize).toBe(38745);
    const entry = readZipEntry(path);
    expect(entry.data.length).toBe(38745);
    expect(entry.data.toString("latin1", 0, 20)).toBe("14400000,1674100,167");
  });

  it("lists and filters the 2192 contract entries of an option zip", () => {
    const path = join(LEAN_DATA, "option/usa/minute/goog/20151224_quote_american.zip");
    expect(listZipEntries(path)).toHaveLength(2192);
    const wanted = readZipEntries(path, (name) => name.includes("_put_7500000_"));
    expect(wanted).toHaveLength(12);
  });

  it("reads deflated and stored entries written by fflate", () => {
    const dir = tempDir();
    const deflated = writeZip(dir, "a.zip", { "x.csv": "1,2,3\n".repeat(100), "y.csv": "hello" });
    const stored = writeZip(dir, "b.zip", { "z.csv": "stored text" }, 0);
    expect(readZipEntry(deflated, (n) => n === "x.csv").data.toString()).toBe("1,2,3\n".repeat(100));
    expect(readZipEntry(deflated, (n) => n === "y.csv").data.toString()).toBe("hello");
    expect(listZipEntries(stored)[0].method).toBe(0);
    expect(readZipEntry(stored).data.toString()).toBe("stored text");
  });

  it("names the file when it is missing, not a zip, or truncated", () => {
    const dir = tempDir();
    expect(() => readZipEntry(join(dir, "none.zip"), undefined, "spy/none.zip")).toThrow(DataFileNotFoundError);
    expect(() => readZipEntry(join(dir, "none.zip"), undefined, "spy/none.zip")).toThrow("spy/none.zip: file not found");
    writeFileSync(join(dir, "text.zip"), "this is not a zip file at all, just text");
    expect(() => readZipEntry(join(dir, "text.zip"))).toThrow(DataFormatError);
    expect(() => readZipEntry(join(dir, "text.zip"))).toThrow(/text\.zip: not a zip file/);
    const good = readFileSync(writeZip(dir, "c.zip", { "c.csv": "1,2,3\n".repeat(1000) }));
    // Corrupt the deflate stream (the local header is 30 bytes + 5 name bytes).
    const bad = Buffer.from(good);
    for (let i = 36; i < 60; i++) bad[i] = 0xff;
    writeFileSync(join(dir, "bad.zip"), bad);
    expect(() => readZipEntry(join(dir, "bad.zip"), undefined, "bad.zip")).toThrow(/bad\.zip: entry c\.csv: (cannot inflate|inflated to)/);
  });

  it("fails clearly when no entry matches", () => {
    const dir = tempDir();
    const path = writeZip(dir, "d.zip", { "d.csv": "1" });
    expect(() => readZipEntry(path, (n) => n === "other.csv", "d.zip")).toThrow("d.zip: no matching entry among 1");
  });
});
