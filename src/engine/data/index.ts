/** Public API of the data readers: LEAN's data folder and our plain CSV format. */
export { DataFileNotFoundError, DataFormatError, DataNotSupportedError } from "./errors.ts";
export { listZipEntries, readZipEntries, readZipEntry, readZipFile, listZipBufferEntries, extractZipBufferEntry, type ZipEntry, type ZipEntryInfo } from "./zip.ts";
export { parseTradeRows, parseQuoteRows, parseOpenInterestRows, type ParseOptions, type TradeRows, type QuoteRows, type OpenInterestRows } from "./lean-parser.ts";
export { DataNormalizationMode, roundHalfEven } from "./normalization.ts";
export { FactorFile, type FactorRow } from "./factor-file.ts";
export { MapFile, type MapFileRow } from "./map-file.ts";
export * from "./lean-paths.ts";
export { RESOLUTION_MS, type BarChunk, type EpochFromLocal, type OpenInterestChunk, type QuoteBarChunk, type TradeBarChunk } from "./bar-chunk.ts";
export { readLeanBars, type BarResolution, type LeanBarRequest } from "./equity-reader.ts";
export { DirectoryListings } from "./directory-listings.ts";
export {
  readOptionDay,
  readOptionHistory,
  readOptionUniverse,
  parseOptionUniverse,
  OPTION_RIGHT_CALL,
  OPTION_RIGHT_PUT,
  type OptionContractChunk,
  type OptionDayRequest,
  type OptionHistoryRequest,
  type OptionUniverse,
} from "./option-reader.ts";
export { InterestRateProvider, DEFAULT_RISK_FREE_RATE } from "./interest-rate.ts";
export { readCsvBars, type CsvBarRequest } from "./csv-reader.ts";
export { addDays, calendarDays } from "./calendar-days.ts";
