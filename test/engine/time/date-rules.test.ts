import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import {
  DateRules,
  DayOfWeek,
  ScheduleRuleError,
  dateKeyFromDayNumber,
  dayNumberFromDateKey,
  type DateRule,
} from "../../../src/engine/time/index.ts";
import { NY, makeContext, utc } from "./schedule-fixtures.ts";

const rules = new DateRules(makeContext());
const dates = (rule: DateRule, start: number, end: number): number[] =>
  [...rule.dayNumbers(dayNumberFromDateKey(start), dayNumberFromDateKey(end))].map(dateKeyFromDayNumber);

describe("DateRules.everyDay / every / on", () => {
  it("everyDay() gives every calendar day, weekends included", () => {
    expect(dates(rules.everyDay(), 20131004, 20131008)).toEqual([20131004, 20131005, 20131006, 20131007, 20131008]);
    expect(rules.everyDay().name).toBe("EveryDay");
  });

  it("everyDay(symbol) gives only that security's trading days (no weekends, no Christmas)", () => {
    expect(dates(rules.everyDay("SPY"), 20151223, 20151229)).toEqual([20151223, 20151224, 20151228, 20151229]);
    expect(rules.everyDay("SPY").name).toBe("SPY: EveryDay");
  });

  it("every(...weekdays) gives the calendar days on those weekdays", () => {
    expect(dates(rules.every(DayOfWeek.Monday, DayOfWeek.Wednesday), 20131001, 20131016)).toEqual([
      20131002, 20131007, 20131009, 20131014, 20131016,
    ]);
    expect(rules.every(DayOfWeek.Monday, DayOfWeek.Wednesday).name).toBe("Monday,Wednesday");
    expect(() => rules.every(7 as DayOfWeek)).toThrow(ScheduleRuleError);
  });

  it("on(...) gives the listed dates within the range, sorted, from (y, m, d), ISO strings, yyyymmdd or DateTime", () => {
    expect(dates(rules.on(2013, 10, 7), 20131001, 20131031)).toEqual([20131007]);
    const rule = rules.on("2013-10-11", 20131009, DateTime.fromObject({ year: 2013, month: 10, day: 8 }, { zone: NY }), [2014, 1, 2]);
    expect(dates(rule, 20131009, 20131231)).toEqual([20131009, 20131011]);
    expect(rule.name).toBe("10/08/2013,10/09/2013,10/11/2013,01/02/2014");
    expect(() => rules.on("not a date")).toThrow(/"not a date" is not an ISO date/);
    expect(() => rules.on([2013, 2, 30])).toThrow(/2013-2-30 is not a date/);
  });

  it("today and tomorrow use the algorithm clock and ignore the range", () => {
    const r = new DateRules(makeContext(utc("2013-10-08T03:00:00Z"))); // 23:00 on 10-07 in New York
    expect(dates(r.today, 20200101, 20200101)).toEqual([20131007]);
    expect(dates(r.tomorrow, 20200101, 20200101)).toEqual([20131008]);
    expect(() => rules.today).toThrow(/needs the algorithm clock/);
  });

  it("getDates returns luxon DateTimes at midnight in the algorithm zone", () => {
    const out = [
      ...rules.everyDay("SPY").getDates(
        DateTime.fromISO("2013-10-04T15:00", { zone: NY }),
        DateTime.fromISO("2013-10-07T00:00", { zone: NY }),
      ),
    ];
    expect(out.map((d) => d.toISO())).toEqual(["2013-10-04T00:00:00.000-04:00", "2013-10-07T00:00:00.000-04:00"]);
  });
});

describe("DateRules.weekStart / weekEnd", () => {
  it("weekStart() without a symbol is every Monday; weekStart(2) every Wednesday", () => {
    expect(dates(rules.weekStart(), 20131001, 20131031)).toEqual([20131007, 20131014, 20131021, 20131028]);
    expect(dates(rules.weekStart(2), 20131001, 20131031)).toEqual([20131002, 20131009, 20131016, 20131023, 20131030]);
    expect(rules.weekStart(2).name).toBe("WeekStart+2");
  });

  it("weekEnd() without a symbol is every Friday; weekEnd(1) every Thursday, named WeekEnd-1", () => {
    expect(dates(rules.weekEnd(), 20131001, 20131020)).toEqual([20131004, 20131011, 20131018]);
    expect(dates(rules.weekEnd(1), 20131001, 20131020)).toEqual([20131003, 20131010, 20131017]);
    expect(rules.weekEnd(1).name).toBe("WeekEnd-1");
  });

  it("weekStart(symbol) moves to Tuesday when Monday is a holiday (MLK Day 2014-01-20)", () => {
    expect(dates(rules.weekStart("SPY"), 20140113, 20140131)).toEqual([20140113, 20140121, 20140127]);
    expect(rules.weekStart("SPY").name).toBe("SPY: WeekStart");
  });

  it("weekStart(symbol, offset) counts trading days from the first trading day of the week", () => {
    expect(dates(rules.weekStart("SPY", 1), 20140113, 20140131)).toEqual([20140114, 20140122, 20140128]);
  });

  it("weekStart(symbol, offset) falls back to the week's last trading day when the offset passes Friday", () => {
    // MLK week has 4 trading days: Tuesday + 4 trading days is next Monday, past the boundary
    expect(dates(rules.weekStart("SPY", 4), 20140120, 20140126)).toEqual([20140124]);
    expect(dates(rules.weekStart("SPY", 4), 20140113, 20140119)).toEqual([20140117]);
  });

  it("weekEnd(symbol) moves to Thursday when Friday is a holiday (Good Friday 2014-04-18)", () => {
    expect(dates(rules.weekEnd("SPY"), 20140407, 20140427)).toEqual([20140411, 20140417, 20140425]);
    expect(dates(rules.weekEnd("SPY", 1), 20140414, 20140420)).toEqual([20140416]);
  });

  it("weekEnd(symbol) keeps an early-close Friday (2015-11-27) as the week's end", () => {
    expect(dates(rules.weekEnd("SPY"), 20151123, 20151129)).toEqual([20151127]);
  });

  it("produces nothing for a week whose chosen day is outside the range (no catch-up on a mid-week start)", () => {
    expect(dates(rules.weekStart("SPY"), 20131008, 20131013)).toEqual([]);
    expect(dates(rules.weekEnd(), 20131005, 20131010)).toEqual([]);
  });

  it("treats a Sunday start or end as the end of its week", () => {
    expect(dates(rules.weekStart(), 20131006, 20131013)).toEqual([20131007]);
  });

  it("rejects offsets beyond the security's trading week (LEAN's ArgumentOutOfRange)", () => {
    expect(() => rules.weekStart("SPY", 5)).toThrow(/offset 5 is out of range for SPY's schedule, use an offset between 0 and 4/);
    expect(() => rules.weekStart(7)).toThrow(ScheduleRuleError);
    expect(() => rules.weekEnd(-1)).toThrow(ScheduleRuleError);
  });
});

describe("DateRules.monthStart / monthEnd / quarter / year", () => {
  it("monthStart() without a symbol is the 1st of each month within the range (no catch-up for a mid-month start)", () => {
    expect(dates(rules.monthStart(), 20131007, 20140131)).toEqual([20131101, 20131201, 20140101]);
  });

  it("monthStart(symbol) is the first trading day of the month", () => {
    expect(dates(rules.monthStart("SPY"), 20131007, 20140131)).toEqual([20131101, 20131202, 20140102]);
    expect(rules.monthStart("SPY").name).toBe("SPY: MonthStart");
  });

  it("monthStart(symbol, 2) is two trading days after the first trading day", () => {
    expect(dates(rules.monthStart("SPY", 2), 20131007, 20140131)).toEqual([20131105, 20131204, 20140106]);
    expect(rules.monthStart("SPY", 2).name).toBe("SPY: MonthStart+2");
  });

  it("monthStart(symbol) in a month that starts on a holiday and a weekend (2012-01: 1st Sunday, 2nd observed)", () => {
    expect(dates(rules.monthStart("SPY"), 20120101, 20120131)).toEqual([20120103]);
  });

  it("monthStart(symbol, offset) past the month's end falls back to its last trading day", () => {
    expect(dates(rules.monthStart("SPY", 30), 20140201, 20140228)).toEqual([20140228]);
  });

  it("monthEnd(symbol) is the last trading day, an early-close day included", () => {
    expect(dates(rules.monthEnd("SPY"), 20131001, 20131231)).toEqual([20131031, 20131129, 20131231]);
    expect(dates(rules.monthEnd(), 20131001, 20131231)).toEqual([20131031, 20131130, 20131231]);
    expect(dates(rules.monthEnd("SPY", 1), 20131001, 20131231)).toEqual([20131030, 20131127, 20131230]);
    expect(rules.monthEnd("SPY", 1).name).toBe("SPY: MonthEnd-1");
  });

  it("monthStart(symbol) on the start date itself fires that month", () => {
    expect(dates(rules.monthStart("SPY"), 20131001, 20131031)).toEqual([20131001]);
  });

  it("quarterStart and yearEnd use trading days with a symbol", () => {
    expect(dates(rules.quarterStart("SPY"), 20130101, 20131231)).toEqual([20130102, 20130401, 20130701, 20131001]);
    expect(dates(rules.yearEnd("SPY"), 20130101, 20141231)).toEqual([20131231, 20141231]);
    expect(dates(rules.yearStart(), 20130101, 20141231)).toEqual([20130101, 20140101]);
  });

  it("rejects offsets outside LEAN's ranges", () => {
    expect(() => rules.monthStart("SPY", 31)).toThrow(/MonthStart\(\): offset must be an integer between 0 and 30/);
    expect(() => rules.monthEnd("SPY", -1)).toThrow(ScheduleRuleError);
  });

  it("asks the context for the security's hours and lets its error through", () => {
    expect(() => rules.monthStart("NOPE")).toThrow(/unknown symbol NOPE/);
  });
});

describe("DateRules parity with LEAN's DateRulesTests (SPY, 2000-2004)", () => {
  const days = (rule: DateRule, start: number, end: number) => dates(rule, start, end).map((k) => k % 100);

  it.each([
    [5, [10, 8, 8, 10, 8, 8]],
    [12, [20, 17, 17, 19, 17, 19]],
    [25, [31, 29, 31, 28, 31, 30]],
  ])("StartOfMonthWithSymbolWithOffset: monthStart(SPY, %i) in 2000-01..06", (offset, expected) => {
    expect(days(rules.monthStart("SPY", offset), 20000101, 20000630)).toEqual(expected);
  });

  it.each([
    [5, [24, 22, 24, 20, 23, 23]],
    [12, [12, 10, 15, 11, 12, 14]],
    [25, [3, 1, 1, 3, 1, 1]],
  ])("EndOfMonthWithSymbolWithOffset: monthEnd(SPY, %i) in 2000-01..06", (offset, expected) => {
    expect(days(rules.monthEnd("SPY", offset), 20000101, 20000630)).toEqual(expected);
  });

  it.each([
    [5, [10, 9, 9, 9, 9]],
    [12, [20, 19, 18, 21, 21]],
    [348, [29, 31, 31, 31, 31]],
  ])("StartOfYearWithSymbolWithOffset: yearStart(SPY, %i) in 2000-2004", (offset, expected) => {
    expect(days(rules.yearStart("SPY", offset), 20000101, 20041231)).toEqual(expected);
  });

  it.each([
    [5, [21, 21, 23, 23, 23]],
    [12, [12, 12, 12, 12, 14]],
    [19, [1, 3, 3, 3, 3]],
  ])("EndOfYearWithSymbolWithOffset: yearEnd(SPY, %i) in 2000-2004", (offset, expected) => {
    expect(days(rules.yearEnd("SPY", offset), 20000101, 20041231)).toEqual(expected);
  });

  it("StartOfWeekWithSymbol / WithOffset and EndOfWeekWithSymbol / WithOffset in January 2000", () => {
    expect(days(rules.weekStart("SPY"), 20000101, 20000131)).toEqual([3, 10, 18, 24, 31]);
    expect(days(rules.weekStart("SPY", 2), 20000101, 20000131)).toEqual([5, 12, 20, 26]);
    expect(days(rules.weekEnd("SPY"), 20000101, 20000131)).toEqual([7, 14, 21, 28]);
    expect(days(rules.weekEnd("SPY", 2), 20000101, 20000131)).toEqual([5, 12, 19, 26]);
  });
});
