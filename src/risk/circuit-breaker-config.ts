// The circuit breaker's rules and their validation: the `quantconnect.circuit_breaker` block of
// config/settings.json (snake_case, next to the guide's `object_store` block) and the same rules
// passed in code (camelCase). Knows nothing of files or of the engine: it validates plain values.
import { CircuitBreakerConfigError, showValue } from "./errors.ts";

export interface CircuitBreakerConfig {
  /** A day's loss of at least this % of start-of-day equity trips the breaker; null turns the rule off. */
  maxDailyLossPct: number | null;
  /** A drawdown of at least this % from peak equity trips the breaker; null turns the rule off. */
  maxDrawdownPct: number | null;
  /** This many losing closed trades in a row trip the breaker; null turns the rule off. */
  maxConsecutiveLosses: number | null;
  /** While tripped (not halted), orders that only reduce or close positions still go through. */
  allowReducingOrdersWhenTripped: boolean;
  /** null: only reset() closes a tripped breaker. Otherwise it turns half-open this many minutes after tripping. */
  coolDownMinutes: number | null;
  /** The clean period a half-open breaker needs before it closes; null: the same as coolDownMinutes. */
  halfOpenMinutes: number | null;
}

export const DEFAULT_CIRCUIT_BREAKER_CONFIG: Readonly<CircuitBreakerConfig> = Object.freeze({
  maxDailyLossPct: 3,
  maxDrawdownPct: 10,
  maxConsecutiveLosses: 5,
  allowReducingOrdersWhenTripped: true,
  coolDownMinutes: null,
  halfOpenMinutes: null,
});

/** The block as it sits in config/settings.json under `quantconnect.circuit_breaker`. */
export interface CircuitBreakerConfigJson {
  max_daily_loss_pct: number | null;
  max_drawdown_pct: number | null;
  max_consecutive_losses: number | null;
  allow_reducing_orders_when_tripped: boolean;
  cool_down_minutes: number | null;
  half_open_minutes: number | null;
}

/** Where the block lives in config/settings.json. */
export const CIRCUIT_BREAKER_CONFIG_PATH = "quantconnect.circuit_breaker";

/** The fields of the JSON block, in the order settings.json lists them, with their camelCase names. */
const FIELDS = [
  ["max_daily_loss_pct", "maxDailyLossPct"],
  ["max_drawdown_pct", "maxDrawdownPct"],
  ["max_consecutive_losses", "maxConsecutiveLosses"],
  ["allow_reducing_orders_when_tripped", "allowReducingOrdersWhenTripped"],
  ["cool_down_minutes", "coolDownMinutes"],
  ["half_open_minutes", "halfOpenMinutes"],
] as const satisfies readonly (readonly [keyof CircuitBreakerConfigJson, keyof CircuitBreakerConfig])[];

type FieldNames = Record<keyof CircuitBreakerConfig, string>;

const SNAKE_NAMES = Object.fromEntries(FIELDS.map(([snake, camel]) => [camel, snake])) as FieldNames;
const CAMEL_NAMES = Object.fromEntries(FIELDS.map(([, camel]) => [camel, camel])) as FieldNames;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function percentOrNull(value: unknown, field: string): number | null {
  if (value === null) return null;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0 || value > 100)
    throw new CircuitBreakerConfigError(
      field,
      `must be a number greater than 0 and at most 100 (null turns the rule off), got ${showValue(value)}`,
    );
  return value;
}

function countOrNull(value: unknown, field: string): number | null {
  if (value === null) return null;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1)
    throw new CircuitBreakerConfigError(field, `must be a whole number of at least 1 (null turns the rule off), got ${showValue(value)}`);
  return value;
}

function minutesOrNull(value: unknown, field: string, nullMeans: string): number | null {
  if (value === null) return null;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0)
    throw new CircuitBreakerConfigError(field, `must be a number of minutes greater than 0 (null: ${nullMeans}), got ${showValue(value)}`);
  return value;
}

function boolean(value: unknown, field: string): boolean {
  if (typeof value !== "boolean") throw new CircuitBreakerConfigError(field, `must be true or false, got ${showValue(value)}`);
  return value;
}

/** Validates a complete config; `names` maps each field to the name the error shows under `where`. */
function validate(config: CircuitBreakerConfig, where: string, names: FieldNames): CircuitBreakerConfig {
  const at = (field: keyof CircuitBreakerConfig) => `${where}.${names[field]}`;
  const result: CircuitBreakerConfig = {
    maxDailyLossPct: percentOrNull(config.maxDailyLossPct, at("maxDailyLossPct")),
    maxDrawdownPct: percentOrNull(config.maxDrawdownPct, at("maxDrawdownPct")),
    maxConsecutiveLosses: countOrNull(config.maxConsecutiveLosses, at("maxConsecutiveLosses")),
    allowReducingOrdersWhenTripped: boolean(config.allowReducingOrdersWhenTripped, at("allowReducingOrdersWhenTripped")),
    coolDownMinutes: minutesOrNull(config.coolDownMinutes, at("coolDownMinutes"), "only reset() closes a tripped breaker"),
    halfOpenMinutes: minutesOrNull(config.halfOpenMinutes, at("halfOpenMinutes"), `the same as ${names.coolDownMinutes}`),
  };
  if (result.halfOpenMinutes !== null && result.coolDownMinutes === null)
    throw new CircuitBreakerConfigError(
      at("halfOpenMinutes"),
      `is set to ${result.halfOpenMinutes} but ${names.coolDownMinutes} is null: a breaker without a cool-down never turns half-open; set ${names.coolDownMinutes} or remove ${names.halfOpenMinutes}`,
    );
  return Object.freeze(result);
}

/**
 * A config passed in code: missing fields take their defaults; a field set to `undefined`
 * counts as missing. Errors name the field as `CircuitBreakerConfig.maxDailyLossPct`.
 */
export function resolveCircuitBreakerConfig(
  config: Partial<CircuitBreakerConfig> = {},
  where = "CircuitBreakerConfig",
): CircuitBreakerConfig {
  if (!isObject(config)) throw new CircuitBreakerConfigError(where, `must be an object, got ${showValue(config)}`);
  for (const name of Object.keys(config)) {
    if (!Object.hasOwn(CAMEL_NAMES, name))
      throw new CircuitBreakerConfigError(`${where}.${name}`, `is not a circuit breaker setting (known: ${Object.keys(CAMEL_NAMES).join(", ")})`);
  }
  const merged = { ...DEFAULT_CIRCUIT_BREAKER_CONFIG } as CircuitBreakerConfig;
  for (const [name, value] of Object.entries(config)) {
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[name] = value;
  }
  return validate(merged, where, CAMEL_NAMES);
}

/**
 * The `quantconnect.circuit_breaker` block of config/settings.json. A missing block (undefined)
 * gives the defaults; missing fields take their defaults; unknown fields are refused, so a typo
 * (`max_daily_los_pct`) is an error instead of a rule silently left at its default.
 * Errors name the full path: `quantconnect.circuit_breaker.max_daily_loss_pct must be ...`.
 */
export function parseCircuitBreakerConfig(json: unknown, where: string = CIRCUIT_BREAKER_CONFIG_PATH): CircuitBreakerConfig {
  if (json === undefined) return resolveCircuitBreakerConfig({});
  if (!isObject(json)) throw new CircuitBreakerConfigError(where, `must be an object, got ${showValue(json)}`);
  const known = FIELDS.map(([snake]) => snake as string);
  for (const name of Object.keys(json)) {
    if (!known.includes(name)) throw new CircuitBreakerConfigError(`${where}.${name}`, `is not a circuit breaker setting (known: ${known.join(", ")})`);
  }
  const merged = { ...DEFAULT_CIRCUIT_BREAKER_CONFIG } as CircuitBreakerConfig;
  for (const [snake, camel] of FIELDS) {
    if (json[snake] !== undefined) (merged as unknown as Record<string, unknown>)[camel] = json[snake];
  }
  return validate(merged, where, SNAKE_NAMES);
}

/** The block to write under `quantconnect.circuit_breaker` in config/settings.json. */
export function circuitBreakerConfigToJson(config: CircuitBreakerConfig): CircuitBreakerConfigJson {
  return {
    max_daily_loss_pct: config.maxDailyLossPct,
    max_drawdown_pct: config.maxDrawdownPct,
    max_consecutive_losses: config.maxConsecutiveLosses,
    allow_reducing_orders_when_tripped: config.allowReducingOrdersWhenTripped,
    cool_down_minutes: config.coolDownMinutes,
    half_open_minutes: config.halfOpenMinutes,
  };
}

/** The defaults as the JSON block (what config/settings.json ships). */
export const DEFAULT_CIRCUIT_BREAKER_CONFIG_JSON: Readonly<CircuitBreakerConfigJson> = Object.freeze(
  circuitBreakerConfigToJson(DEFAULT_CIRCUIT_BREAKER_CONFIG),
);
