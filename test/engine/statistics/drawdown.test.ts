import { describe, expect, it } from "vitest";
import { NetDecimal } from "../../../src/engine/statistics/net-decimal.ts";
import { calculateDrawdownMetrics } from "../../../src/engine/statistics/drawdown.ts";

const DAY = 86_400_000;
const curve = (...values: string[]) => values.map((value, i) => ({ time: i * DAY, value: NetDecimal.parse(value) }));
const printed = (values: string[]) =>
  `${calculateDrawdownMetrics(curve(...values), 3).drawdown.safeMultiply100().round(3).toString()}%`;

describe("calculateDrawdownMetrics", () => {
  it("measures the deepest fall from a running peak", () => {
    const metrics = calculateDrawdownMetrics(curve("100", "110", "104.5", "99", "120"), 3);
    // 99/110 - 1 = -0.1 exactly: the decimal keeps scale 1, so LEAN prints 10.0%
    expect(metrics.drawdown.toString()).toBe("0.1");
    expect(printed(["100", "110", "104.5", "99", "120"])).toBe("10.0%");
  });

  it('prints "0%" without a drawdown and "0.000%" for one that rounds away', () => {
    expect(printed(["100000", "100001", "100002"])).toBe("0%");
    expect(printed(["100000", "99999.99", "100000"])).toBe("0.000%");
    expect(printed(["100000", "99200.37", "101000"])).toBe("0.800%");
  });

  it("measures the longest recovery, in whole days from the peak to the first value back at it", () => {
    // peak 110 on day 1, below it on days 2-3, back at 110 on day 4: 3 days; later 1-day dip
    const metrics = calculateDrawdownMetrics(curve("100", "110", "105", "108", "110", "111", "110.5", "112"), 3);
    expect(metrics.drawdownRecovery).toBe(3);
  });

  it("truncates fractional recovery days and ignores an unrecovered drawdown", () => {
    const points = [
      { time: 0, value: NetDecimal.parse("100") },
      { time: 0.5 * DAY, value: NetDecimal.parse("99") },
      { time: 2.9 * DAY, value: NetDecimal.parse("100") },
      { time: 3 * DAY, value: NetDecimal.parse("90") },
    ];
    const metrics = calculateDrawdownMetrics(points, 3);
    expect(metrics.drawdownRecovery).toBe(2);
    expect(metrics.drawdown.toString()).toBe("0.1");
  });

  it("returns zeros for fewer than two points", () => {
    const metrics = calculateDrawdownMetrics(curve("100"), 3);
    expect(metrics.drawdown.toString()).toBe("0");
    expect(metrics.drawdownRecovery).toBe(0);
  });
});
