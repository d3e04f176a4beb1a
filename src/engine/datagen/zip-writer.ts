/**
 * Writes LEAN-style zip archives: deflate (level 6) by Node's native zlib, which is several times
 * faster than a JavaScript deflate and is what the readers inflate with; the container (local
 * headers, central directory, end record; no zip64, every file here is far below 4 GiB) is built
 * here. Entries keep the order given and carry a fixed timestamp, 12:00 of the data's own date,
 * written from the yyyymmdd digits (no Date, no time zone), so the same data gives the same
 * bytes on every run.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { crc32, deflateRawSync } from "node:zlib";

export interface TextEntry {
  name: string;
  text: string;
}

export const ZIP_LEVEL = 4;

/** MS-DOS date and time fields of 12:00:00 on a yyyymmdd date. */
export function dosDateTime(date: number): { dosDate: number; dosTime: number } {
  const year = Math.floor(date / 10000);
  const month = Math.floor(date / 100) % 100;
  const day = date % 100;
  return { dosDate: ((Math.max(year, 1980) - 1980) << 9) | (month << 5) | day, dosTime: 12 << 11 };
}

/** Builds the archive bytes. */
export function buildZip(entries: readonly TextEntry[], date: number, level = ZIP_LEVEL): Buffer {
  const { dosDate, dosTime } = dosDateTime(date);
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "latin1");
    const data = Buffer.from(entry.text, "latin1");
    const compressed = deflateRawSync(data, { level });
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: deflate
    local.writeUInt16LE(0, 6); // flags
    local.writeUInt16LE(8, 8); // method: deflate
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4); // made by: MS-DOS, 2.0
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0, 8);
    header.writeUInt16LE(8, 10);
    header.writeUInt16LE(dosTime, 12);
    header.writeUInt16LE(dosDate, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(compressed.length, 20);
    header.writeUInt32LE(data.length, 24);
    header.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk, internal and external attributes: 0
    header.writeUInt32LE(offset, 42);
    parts.push(local, name, compressed);
    central.push(header, name);
    offset += 30 + name.length + compressed.length;
  }
  const centralSize = central.reduce((sum, b) => sum + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  if (entries.length > 0xffff) throw new RangeError(`buildZip: ${entries.length} entries need zip64, which this writer does not produce`);
  return Buffer.concat([...parts, ...central, end]);
}

/** Writes the archive to `path` (creating folders) and returns its size in bytes. */
export function writeZip(path: string, entries: readonly TextEntry[], date: number): number {
  const bytes = buildZip(entries, date);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return bytes.length;
}

/** Writes a plain text file (creating folders) and returns its size in bytes. */
export function writeText(path: string, text: string): number {
  mkdirSync(dirname(path), { recursive: true });
  const bytes = Buffer.from(text, "utf8");
  writeFileSync(path, bytes);
  return bytes.length;
}
