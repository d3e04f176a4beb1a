// The scheduled-event queue: every event's next time in one ordered list, fired in time order and,
// at equal times, in the order the events were registered (LEAN's BacktestingRealTimeHandler).
import { eventTimes, type DateRule, type TimeRule } from "../time/index.ts";

export interface QueuedEvent {
  readonly name: string;
  readonly seq: number;
  readonly times: Iterator<number>;
  next: number;
  readonly fire: (time: number) => void;
}

export class EventQueue {
  private readonly queue: QueuedEvent[] = [];
  private seq = 0;

  constructor(
    private readonly startMs: number,
    private readonly endMs: number,
  ) {}

  /** Adds an event from rules; events before `from` are skipped (LEAN's SkipEventsUntil). */
  addRules(name: string, dateRule: DateRule, timeRule: TimeRule, fire: (time: number) => void, from = this.startMs): void {
    this.addTimes(name, eventTimes(dateRule, timeRule, from, this.endMs), fire);
  }

  addTimes(name: string, times: Iterator<number>, fire: (time: number) => void): void {
    const first = times.next();
    if (first.done) return;
    this.insert({ name, seq: this.seq++, times, next: first.value, fire });
  }

  /** The earliest pending event time, or Infinity. */
  get nextTime(): number {
    return this.queue.length ? this.queue[0].next : Infinity;
  }

  private insert(event: QueuedEvent): void {
    // binary search on (next, seq)
    let lo = 0;
    let hi = this.queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = this.queue[mid];
      if (m.next < event.next || (m.next === event.next && m.seq < event.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.queue.splice(lo, 0, event);
  }

  /**
   * Fires events whose time is before `time` (strict) or at or before it (inclusive), each at its
   * own time: `setTime` is called with the event time before it fires.
   */
  fireUntil(time: number, inclusive: boolean, setTime: (t: number) => void): void {
    while (this.queue.length) {
      const head = this.queue[0];
      if (inclusive ? head.next > time : head.next >= time) break;
      this.queue.shift();
      const t = head.next;
      setTime(t);
      head.fire(t);
      const n = head.times.next();
      if (!n.done) {
        head.next = n.value;
        this.insert(head);
      }
    }
  }
}
