/**
 * Typed errors of the data readers. Every message names the file (relative to the data folder
 * when known) so a user can open it; format errors also name the line.
 * Knows nothing of the engine.
 */

/** A file exists but its content cannot be read: bad zip, malformed row, unsorted rows. */
export class DataFormatError extends Error {
  override readonly name = "DataFormatError";
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly reason: string,
  ) {
    super(line === undefined ? `${file}: ${reason}` : `${file} line ${line}: ${reason}`);
  }
}

/** A file or folder the caller asked for does not exist. */
export class DataFileNotFoundError extends Error {
  override readonly name = "DataFileNotFoundError";
  constructor(
    readonly file: string,
    reason?: string,
  ) {
    super(reason === undefined ? `${file}: file not found` : `${file}: ${reason}`);
  }
}

/** A request the readers understand but do not implement (e.g. a normalization mode). */
export class DataNotSupportedError extends Error {
  override readonly name = "DataNotSupportedError";
}
