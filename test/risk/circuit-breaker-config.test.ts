import { describe, expect, it } from "vitest";
import {
  CircuitBreaker,
  CircuitBreakerConfigError,
  DEFAULT_CIRCUIT_BREAKER_CONFIG,
  DEFAULT_CIRCUIT_BREAKER_CONFIG_JSON,
  circuitBreakerConfigToJson,
  parseCircuitBreakerConfig,
  resolveCircuitBreakerConfig,
} from "../../src/risk/index.ts";

function configError(run: () => unknown): CircuitBreakerConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CircuitBreakerConfigError);
    return error as CircuitBreakerConfigError;
  }
  throw new Error("expected a CircuitBreakerConfigError, nothing was thrown");
}

describe("parseCircuitBreakerConfig (quantconnect.circuit_breaker in config/settings.json)", () => {
  it("gives the defaults for a missing block and for an empty one", () => {
    const defaults = {
      maxDailyLossPct: 3,
      maxDrawdownPct: 10,
      maxConsecutiveLosses: 5,
      allowReducingOrdersWhenTripped: true,
      coolDownMinutes: null,
      halfOpenMinutes: null,
    };
    expect(parseCircuitBreakerConfig(undefined)).toEqual(defaults);
    expect(parseCircuitBreakerConfig({})).toEqual(defaults);
    expect(DEFAULT_CIRCUIT_BREAKER_CONFIG).toEqual(defaults);
  });

  it("reads every snake_case field into its camelCase setting", () => {
    expect(
      parseCircuitBreakerConfig({
        max_daily_loss_pct: 2.5,
        max_drawdown_pct: 15,
        max_consecutive_losses: 3,
        allow_reducing_orders_when_tripped: false,
        cool_down_minutes: 30,
        half_open_minutes: 120,
      }),
    ).toEqual({
      maxDailyLossPct: 2.5,
      maxDrawdownPct: 15,
      maxConsecutiveLosses: 3,
      allowReducingOrdersWhenTripped: false,
      coolDownMinutes: 30,
      halfOpenMinutes: 120,
    });
  });

  it("turns a rule off with null", () => {
    const config = parseCircuitBreakerConfig({ max_daily_loss_pct: null, max_drawdown_pct: null, max_consecutive_losses: null });
    expect(config.maxDailyLossPct).toBeNull();
    expect(config.maxDrawdownPct).toBeNull();
    expect(config.maxConsecutiveLosses).toBeNull();
  });

  it("names the full field path and the refused value in its errors", () => {
    expect(configError(() => parseCircuitBreakerConfig({ max_daily_loss_pct: "x" })).message).toBe(
      'quantconnect.circuit_breaker.max_daily_loss_pct must be a number greater than 0 and at most 100 (null turns the rule off), got "x"',
    );
    const e = configError(() => parseCircuitBreakerConfig({ max_drawdown_pct: 0 }));
    expect(e.field).toBe("quantconnect.circuit_breaker.max_drawdown_pct");
    expect(e.message).toContain("got 0");
  });

  it.each([
    ["max_daily_loss_pct", 0],
    ["max_daily_loss_pct", -1],
    ["max_daily_loss_pct", 100.01],
    ["max_daily_loss_pct", "3"],
    ["max_drawdown_pct", 101],
    ["max_consecutive_losses", 0],
    ["max_consecutive_losses", 2.5],
    ["max_consecutive_losses", "5"],
    ["allow_reducing_orders_when_tripped", "yes"],
    ["allow_reducing_orders_when_tripped", null],
    ["cool_down_minutes", 0],
    ["cool_down_minutes", -5],
    ["cool_down_minutes", "30"],
  ])("refuses %s = %j", (field, value) => {
    const e = configError(() => parseCircuitBreakerConfig({ cool_down_minutes: 10, [field]: value }));
    expect(e.field).toBe(`quantconnect.circuit_breaker.${field}`);
  });

  it("accepts each rule's limit at its edge: 100% and a single losing trade", () => {
    expect(parseCircuitBreakerConfig({ max_daily_loss_pct: 100, max_drawdown_pct: 100, max_consecutive_losses: 1 })).toMatchObject({
      maxDailyLossPct: 100,
      maxDrawdownPct: 100,
      maxConsecutiveLosses: 1,
    });
  });

  it("refuses half_open_minutes without a cool-down, saying what to set", () => {
    const e = configError(() => parseCircuitBreakerConfig({ half_open_minutes: 60 }));
    expect(e.field).toBe("quantconnect.circuit_breaker.half_open_minutes");
    expect(e.message).toContain("cool_down_minutes is null");
  });

  it("refuses an unknown field, so a typo is not a rule silently left at its default", () => {
    const e = configError(() => parseCircuitBreakerConfig({ max_daily_los_pct: 1 }));
    expect(e.field).toBe("quantconnect.circuit_breaker.max_daily_los_pct");
    expect(e.message).toContain("max_daily_loss_pct");
  });

  it("refuses a block that is not an object, under the path it was given", () => {
    expect(configError(() => parseCircuitBreakerConfig([3], "settings.quantconnect.circuit_breaker")).message).toBe(
      "settings.quantconnect.circuit_breaker must be an object, got [3]",
    );
  });

  it("writes a config back as the block it reads", () => {
    const config = parseCircuitBreakerConfig({ max_daily_loss_pct: 1.5, cool_down_minutes: 45 });
    expect(parseCircuitBreakerConfig(circuitBreakerConfigToJson(config))).toEqual(config);
    expect(JSON.parse(JSON.stringify(DEFAULT_CIRCUIT_BREAKER_CONFIG_JSON))).toEqual({
      max_daily_loss_pct: 3,
      max_drawdown_pct: 10,
      max_consecutive_losses: 5,
      allow_reducing_orders_when_tripped: true,
      cool_down_minutes: null,
      half_open_minutes: null,
    });
  });
});

describe("resolveCircuitBreakerConfig (a config passed in code)", () => {
  it("fills missing fields and undefined ones with the defaults", () => {
    expect(resolveCircuitBreakerConfig({ maxDailyLossPct: 2, coolDownMinutes: undefined })).toEqual({
      ...DEFAULT_CIRCUIT_BREAKER_CONFIG,
      maxDailyLossPct: 2,
    });
  });

  it("names camelCase fields in its errors", () => {
    expect(configError(() => resolveCircuitBreakerConfig({ maxConsecutiveLosses: 0 })).message).toBe(
      "CircuitBreakerConfig.maxConsecutiveLosses must be a whole number of at least 1 (null turns the rule off), got 0",
    );
    expect(configError(() => resolveCircuitBreakerConfig({ toString: 1 } as never)).field).toBe("CircuitBreakerConfig.toString");
  });

  it("is what the CircuitBreaker constructor validates with", () => {
    expect(() => new CircuitBreaker({ maxDrawdownPct: Number.NaN }, { now: () => 0 })).toThrow(
      /CircuitBreakerConfig\.maxDrawdownPct must be a number/,
    );
    expect(new CircuitBreaker({ maxDrawdownPct: 7 }, { now: () => 0 }).config.maxDrawdownPct).toBe(7);
  });
});
