import { describe, expect, it } from "vitest";
import { createIndicatorName } from "../../../src/engine/indicators/index.ts";

describe("createIndicatorName", () => {
  it("folds the symbol and resolution into the type's parentheses, as LEAN's CreateIndicatorName", () => {
    expect(createIndicatorName("SPY", "SMA(14)", "daily")).toBe("SMA(14,SPY_day)");
    expect(createIndicatorName("SPY", "MACD(12,26,9)", "minute")).toBe("MACD(12,26,9,SPY_min)");
    expect(createIndicatorName("EURUSD", "RSI(14,Wilders)", "hour")).toBe("RSI(14,Wilders,EURUSD_hr)");
    expect(createIndicatorName("SPY", "BB(20,2)", "second")).toBe("BB(20,2,SPY_sec)");
    expect(createIndicatorName("SPY", "ATR(14)", "tick")).toBe("ATR(14,SPY_tick)");
  });

  it("keeps LEAN's shape without a resolution or symbol", () => {
    expect(createIndicatorName("SPY", "EMA(5)")).toBe("EMA(5,SPY_)");
    expect(createIndicatorName(undefined, "EMA(5)", "daily")).toBe("EMA(5,day)");
  });

  it("rejects an unknown resolution", () => {
    expect(() => createIndicatorName("SPY", "SMA(3)", "weekly" as never)).toThrow(/unknown resolution "weekly"/);
  });
});
