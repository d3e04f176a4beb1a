// Key validation and normalisation, applied by every operation of the store (read, contains,
// delete, getFilePath as well as save), so that no key can name something outside the store
// and two spellings of one key are never two objects.
import { InvalidKeyError } from "./errors.ts";

/** Longest key, in UTF-8 bytes after NFC normalisation. */
export const MAX_KEY_BYTES = 1024;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// C0 controls, DEL and C1 controls.
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const DRIVE_LETTER = /^[A-Za-z]:/;
const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;
// an empty, "." or ".." segment anywhere (leading '/' is reported before this)
const BAD_SEGMENT = /(^|\/)\.{0,2}(\/|$)/;

/**
 * Returns the key in its stored form (NFC) or throws InvalidKeyError naming the rule it breaks.
 * Keys are case-sensitive; `a` and `a/b` are two independent keys.
 */
export function normalizeKey(key: unknown): string {
  if (typeof key !== "string") throw new InvalidKeyError(key, "a key must be a string");
  if (key.length === 0) throw new InvalidKeyError(key, "a key must not be empty");
  // Printable ASCII has no controls, no surrogates and is already NFC: skip those checks.
  const printableAscii = PRINTABLE_ASCII.test(key);
  if (!printableAscii) {
    if (LONE_SURROGATE.test(key)) throw new InvalidKeyError(key, "contains a lone surrogate (not valid Unicode)");
    const control = CONTROL.exec(key);
    if (control) {
      const code = control[0].charCodeAt(0);
      const name = code === 0 ? "NUL" : `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
      throw new InvalidKeyError(key, `contains the control character ${name} at index ${control.index}`);
    }
  }
  const nfc = printableAscii ? key : key.normalize("NFC");
  if (nfc.includes("\\")) throw new InvalidKeyError(key, "backslashes are not allowed; use '/' to separate segments");
  if (nfc.startsWith("/")) throw new InvalidKeyError(key, "a leading '/' is not allowed; keys are relative to the store");
  if (DRIVE_LETTER.test(nfc)) throw new InvalidKeyError(key, "a drive letter ('C:') is not allowed at the start of a key");
  if (BAD_SEGMENT.test(nfc)) {
    const segments = nfc.split("/");
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i];
      if (segment === "") throw new InvalidKeyError(key, `segment ${i + 1} is empty ('//' or a trailing '/')`);
      if (segment === "." || segment === "..") throw new InvalidKeyError(key, `'${segment}' segments are not allowed`);
    }
  }
  const bytes = printableAscii ? nfc.length : Buffer.byteLength(nfc, "utf8");
  if (bytes > MAX_KEY_BYTES) throw new InvalidKeyError(key, `is ${bytes} UTF-8 bytes long; the limit is ${MAX_KEY_BYTES}`);
  return nfc;
}

/** Validates a key prefix used for listing: the same rules, except that it may end with '/' and be empty. */
export function normalizePrefix(prefix: string): string {
  if (prefix === "") return "";
  const trailing = prefix.endsWith("/");
  const body = normalizeKey(trailing ? prefix.slice(0, -1) : prefix);
  return trailing ? `${body}/` : body;
}
