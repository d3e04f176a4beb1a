// Moving a whole store (or one category) as one archive file: gzip-compressed JSON lines, a
// header line then one object per line with its metadata columns and its stored bytes in
// base64 (still gzip-compressed when the object was). Import goes through the target store's
// write policy, so its limits and quotas apply; it commits in batches (at most 256 objects or
// 64 MB each) and, when a batch is refused, reports how many objects it had imported.
import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import { createGunzip, createGzip } from "node:zlib";
import { createInterface } from "node:readline";
import { ObjectStoreError, ObjectStoreUsageError, ObjectTooLargeError } from "./errors.ts";
import { normalizeKey } from "./keys.ts";
import { isStorageCategory } from "./categories.ts";
import type { ObjectStore } from "./object-store.ts";
import type { ContentType, ExportFilter, StoredObject } from "./backend.ts";

export const EXPORT_FORMAT = "tradeloom-object-store-export";
const BATCH_OBJECTS = 256;
const BATCH_BYTES = 64 * 1024 * 1024;

interface ExportLine {
  key: string;
  category: string;
  size_bytes: number;
  original_size: number;
  compressed: boolean;
  content_type: ContentType;
  created_at: number;
  expires_at: number | null;
  metadata: string | null;
  value_base64: string;
}

/** Writes every object (of one category, if given) to `path`; returns how many. */
export async function exportStore(store: ObjectStore, path: string, filter: ExportFilter = {}): Promise<number> {
  store.require("read", "export");
  const gzip = createGzip();
  const out = createWriteStream(path);
  const piped = new Promise<void>((resolve, reject) => {
    out.on("finish", resolve);
    out.on("error", reject);
    gzip.on("error", reject);
  });
  gzip.pipe(out);
  const write = async (line: string) => {
    if (!gzip.write(`${line}\n`)) await once(gzip, "drain");
  };
  let count = 0;
  await write(JSON.stringify({ format: EXPORT_FORMAT, version: 1, source: store.backend.location, category: filter.category ?? null }));
  for await (const object of store.backend.exportObjects(filter)) {
    const line: ExportLine = {
      key: object.key,
      category: object.category,
      size_bytes: object.sizeBytes,
      original_size: object.originalSizeBytes,
      compressed: object.compressed,
      content_type: object.contentType,
      created_at: object.createdAt,
      expires_at: object.expiresAt,
      metadata: object.metadata,
      value_base64: Buffer.from(object.value.buffer, object.value.byteOffset, object.value.byteLength).toString("base64"),
    };
    await write(JSON.stringify(line));
    count++;
  }
  gzip.end();
  await piped;
  return count;
}

function parseLine(text: string, lineNumber: number, path: string, maxObjectBytes: number): StoredObject {
  const fail = (detail: string): never => {
    throw new ObjectStoreUsageError(`${path} line ${lineNumber}: ${detail}`);
  };
  let line: ExportLine;
  try {
    line = JSON.parse(text) as ExportLine;
  } catch {
    return fail("not valid JSON");
  }
  const key = normalizeKey(line.key);
  if (line.category !== "" && !isStorageCategory(line.category)) fail(`unknown category ${JSON.stringify(line.category)}`);
  if (!["bytes", "string", "json"].includes(line.content_type)) fail(`unknown content_type ${JSON.stringify(line.content_type)}`);
  if (typeof line.value_base64 !== "string") fail("value_base64 is missing");
  const value = Buffer.from(line.value_base64, "base64");
  if (value.byteLength !== line.size_bytes) fail(`key ${JSON.stringify(key)}: value has ${value.byteLength} bytes, size_bytes says ${line.size_bytes}`);
  if (value.byteLength > maxObjectBytes) throw new ObjectTooLargeError(key, value.byteLength, maxObjectBytes, line.compressed);
  return {
    key,
    category: line.category,
    sizeBytes: value.byteLength,
    originalSizeBytes: line.original_size,
    compressed: line.compressed === true,
    contentType: line.content_type,
    createdAt: line.created_at,
    expiresAt: line.expires_at ?? null,
    metadata: line.metadata ?? null,
    value,
  };
}

/** Imports an export file into `store` (replacing objects with the same keys); returns how many. */
export async function importStore(store: ObjectStore, path: string): Promise<number> {
  store.require("write", "import");
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  let lineNumber = 0;
  let imported = 0;
  let batch: StoredObject[] = [];
  let batchBytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    try {
      await store.backend.put(batch, store.writePolicy());
    } catch (error) {
      if (error instanceof ObjectStoreError) {
        error.message = `${error.message} (import stopped in the batch ending at line ${lineNumber} of ${path}; ${imported} objects were imported before it)`;
      }
      throw error;
    }
    imported += batch.length;
    batch = [];
    batchBytes = 0;
  };
  try {
    for await (const text of lines) {
      lineNumber++;
      if (lineNumber === 1) {
        let header: { format?: string };
        try {
          header = JSON.parse(text) as { format?: string };
        } catch {
          header = {};
        }
        if (header.format !== EXPORT_FORMAT) throw new ObjectStoreUsageError(`${path} is not a tradeloom object store export`);
        continue;
      }
      if (text === "") continue;
      const record = parseLine(text, lineNumber, path, store.settings.maxObjectBytes);
      batch.push(record);
      batchBytes += record.sizeBytes;
      if (batch.length >= BATCH_OBJECTS || batchBytes >= BATCH_BYTES) await flush();
    }
  } catch (error) {
    if ((error as { code?: string }).code === "Z_DATA_ERROR" || (error as { code?: string }).code === "Z_BUF_ERROR") {
      throw new ObjectStoreUsageError(`${path} is not a gzip-compressed tradeloom object store export`);
    }
    throw error;
  }
  await flush();
  return imported;
}
