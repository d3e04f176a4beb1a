// The risk layer's public surface: the circuit breaker, its config, status and event records.
// Nothing here knows the engine or the object store; the engine wires them together.
export { CircuitBreaker, type CircuitBreakerOptions, type CircuitBreakerOrder, type OrderCheck } from "./circuit-breaker.ts";
export {
  CIRCUIT_BREAKER_CONFIG_PATH,
  DEFAULT_CIRCUIT_BREAKER_CONFIG,
  DEFAULT_CIRCUIT_BREAKER_CONFIG_JSON,
  circuitBreakerConfigToJson,
  parseCircuitBreakerConfig,
  resolveCircuitBreakerConfig,
  type CircuitBreakerConfig,
  type CircuitBreakerConfigJson,
} from "./circuit-breaker-config.ts";
export {
  CIRCUIT_BREAKER_STATES,
  isTrippedState,
  parseCircuitBreakerStatusJson,
  statusFromJson,
  type CircuitBreakerState,
  type CircuitBreakerStatus,
  type CircuitBreakerStatusJson,
} from "./circuit-breaker-status.ts";
export {
  CIRCUIT_BREAKER_EVENT_CATEGORY,
  CIRCUIT_BREAKER_EVENT_KEY_PREFIX,
  circuitBreakerEventKey,
  type CircuitBreakerEvent,
  type CircuitBreakerEventType,
  type CircuitBreakerRule,
} from "./circuit-breaker-event.ts";
export { isRiskAddingOrder, orderRiskEffect, type OrderRiskEffect } from "./order-risk.ts";
export {
  CircuitBreakerConfigError,
  CircuitBreakerError,
  CircuitBreakerStateError,
  CircuitBreakerUsageError,
} from "./errors.ts";
