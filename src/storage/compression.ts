// gzip (fflate) for stored values and archived objects. Stored bytes are the gzip bytes
// themselves, never base64.
import { gzipSync, gunzipSync } from "fflate";

export function gzip(data: Uint8Array, level: 1 | 6 = 6): Uint8Array {
  return gzipSync(data, { level });
}

export function gunzip(data: Uint8Array): Uint8Array {
  return gunzipSync(data);
}

/** A Buffer view of the same memory (no copy), for drivers that want Buffers. */
export function asBuffer(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
