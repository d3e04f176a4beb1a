// LEAN's order enums, with LEAN's numeric values (they appear in results JSON).
export enum OrderType {
  Market = 0,
  Limit = 1,
  StopMarket = 2,
  StopLimit = 3,
  MarketOnOpen = 4,
  MarketOnClose = 5,
  OptionExercise = 6,
  LimitIfTouched = 7,
  ComboMarket = 8,
  ComboLimit = 9,
  ComboLegLimit = 10,
  TrailingStop = 11,
}

export enum OrderStatus {
  New = 0,
  Submitted = 1,
  PartiallyFilled = 2,
  Filled = 3,
  Canceled = 5,
  None = 6,
  Invalid = 7,
  CancelPending = 8,
  UpdateSubmitted = 9,
}

export enum OrderDirection {
  Buy = 0,
  Sell = 1,
  Hold = 2,
}

export function isClosedStatus(status: OrderStatus): boolean {
  return status === OrderStatus.Filled || status === OrderStatus.Canceled || status === OrderStatus.Invalid;
}

export function isOpenStatus(status: OrderStatus): boolean {
  return !isClosedStatus(status) && status !== OrderStatus.None;
}

export function orderTypeName(type: OrderType): string {
  return OrderType[type] ?? String(type);
}

export function orderStatusName(status: OrderStatus): string {
  return OrderStatus[status] ?? String(status);
}
