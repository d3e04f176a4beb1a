// Scheduled events as the algorithm registers them (LEAN's ScheduleManager). The engine turns each
// into a lazy stream of times and fires it in order with the data.
import type { DateRule, TimeRule } from "../time/index.ts";

export interface ScheduledEventSpec {
  readonly name: string;
  readonly dateRule: DateRule;
  readonly timeRule: TimeRule;
  readonly callback: (name: string, time: number) => void;
}

export class ScheduleManager {
  readonly events: ScheduledEventSpec[] = [];
  private readonly listeners: Array<(spec: ScheduledEventSpec) => void> = [];

  /** `on(dateRule, timeRule, fn)` or `on(name, dateRule, timeRule, fn)`. */
  on(dateRule: DateRule, timeRule: TimeRule, callback: () => void): ScheduledEventSpec;
  on(name: string, dateRule: DateRule, timeRule: TimeRule, callback: () => void): ScheduledEventSpec;
  on(...args: unknown[]): ScheduledEventSpec {
    let name: string | undefined;
    if (typeof args[0] === "string") name = args.shift() as string;
    const [dateRule, timeRule, callback] = args as [DateRule, TimeRule, () => void];
    if (!dateRule || !timeRule || typeof callback !== "function") {
      throw new TypeError("schedule.on(dateRule, timeRule, callback): a date rule, a time rule and a function are required");
    }
    const spec: ScheduledEventSpec = {
      name: name ?? `${dateRule.name}: ${timeRule.name}`,
      dateRule,
      timeRule,
      callback: () => callback(),
    };
    this.add(spec);
    return spec;
  }

  /** Registers an event (used by the engine for its own events too). */
  add(spec: ScheduledEventSpec): void {
    this.events.push(spec);
    for (const l of this.listeners) l(spec);
  }

  /** The engine listens for events added during the run. */
  onAdded(listener: (spec: ScheduledEventSpec) => void): void {
    this.listeners.push(listener);
  }
}
