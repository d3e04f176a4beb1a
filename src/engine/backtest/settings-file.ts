// config/settings.json as the engine reads it: the guide's quantconnect.object_store block (the
// object store, its limits and the storage monitor) and our quantconnect.circuit_breaker block.
// No file: the guide's defaults for the store, and a circuit breaker with every rule off.
import { existsSync, readFileSync } from "node:fs";
import { ConfigError, defaultObjectStoreSettings, parseObjectStoreConfig, type ObjectStoreSettings } from "../../storage/index.ts";
import { parseCircuitBreakerConfig, type CircuitBreakerConfig } from "../../risk/index.ts";

export const DEFAULT_SETTINGS_PATH = "config/settings.json";

export interface EngineSettings {
  objectStore: ObjectStoreSettings;
  /** null: no circuit_breaker block, every rule off */
  circuitBreaker: CircuitBreakerConfig | null;
  /** the file read, or null when none */
  path: string | null;
}

export function loadEngineSettings(path: string = DEFAULT_SETTINGS_PATH): EngineSettings {
  if (!existsSync(path)) return { objectStore: defaultObjectStoreSettings(), circuitBreaker: null, path: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ConfigError(path, `is not valid JSON: ${(error as Error).message}`);
  }
  const qc = (parsed as { quantconnect?: Record<string, unknown> } | null)?.quantconnect;
  if (typeof qc !== "object" || qc === null) throw new ConfigError("quantconnect", `missing or not an object in ${path}`);
  return {
    objectStore: qc.object_store === undefined ? defaultObjectStoreSettings() : parseObjectStoreConfig(qc.object_store),
    circuitBreaker: qc.circuit_breaker === undefined ? null : parseCircuitBreakerConfig(qc.circuit_breaker),
    path,
  };
}
