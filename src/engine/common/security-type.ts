// Security types and markets, LEAN's names.
export enum SecurityType {
  Equity = "Equity",
  Option = "Option",
  Index = "Index",
}

export const Market = {
  USA: "usa",
} as const;
