// Contract multiplier, tick size and lot size per security (LEAN's symbol-properties defaults for USA).
import { SecurityType } from "../common/security-type.ts";

export interface SymbolProperties {
  description: string;
  quoteCurrency: string;
  contractMultiplier: number;
  minimumPriceVariation: number;
  lotSize: number;
}

export function defaultSymbolProperties(type: SecurityType): SymbolProperties {
  switch (type) {
    case SecurityType.Option:
      return { description: "", quoteCurrency: "USD", contractMultiplier: 100, minimumPriceVariation: 0.01, lotSize: 1 };
    case SecurityType.Index:
      return { description: "", quoteCurrency: "USD", contractMultiplier: 1, minimumPriceVariation: 0.01, lotSize: 1 };
    default:
      return { description: "", quoteCurrency: "USD", contractMultiplier: 1, minimumPriceVariation: 0.01, lotSize: 1 };
  }
}
