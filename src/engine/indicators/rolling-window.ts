/**
 * LEAN's RollingWindow: a fixed-size window over the most recent items, index 0 = newest.
 * A ring buffer: `add` is O(1) and allocates nothing once the window is full.
 */

export class RollingWindow<T> implements Iterable<T> {
  private readonly items: T[] = [];
  private readonly capacity: number;
  /** Slot of the oldest item once the window is full; the next `add` overwrites it. */
  private tail = 0;
  private totalSamples = 0;
  private removed: T | undefined;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`RollingWindow size must be a positive integer, got ${size}`);
    }
    this.capacity = size;
  }

  /** The capacity of the window. */
  get size(): number {
    return this.capacity;
  }

  /** How many items the window holds now (at most `size`). */
  get count(): number {
    return this.items.length;
  }

  /** How many items were ever added (since the last reset). */
  get samples(): number {
    return this.totalSamples;
  }

  /** True once `size` items have been added, as LEAN's `IsReady`. */
  get isReady(): boolean {
    return this.totalSamples >= this.capacity;
  }

  /** The item that fell off the back on the last `add`. Throws until the window has overflowed. */
  get mostRecentlyRemoved(): T {
    if (this.totalSamples <= this.capacity) {
      throw new RangeError("RollingWindow.mostRecentlyRemoved: no items have been removed yet");
    }
    return this.removed as T;
  }

  /** Adds an item as the newest; when full, the oldest falls off. */
  add(item: T): void {
    this.totalSamples++;
    if (this.items.length < this.capacity) {
      this.items.push(item);
      return;
    }
    this.removed = this.items[this.tail];
    this.items[this.tail] = item;
    this.tail = this.tail + 1 === this.capacity ? 0 : this.tail + 1;
  }

  /**
   * The item `i` steps back: 0 = newest, count - 1 = oldest. A negative index counts from the
   * oldest (-1 = oldest), as LEAN's. Out of range throws (LEAN returns a default value instead,
   * which for numbers would be an indistinguishable 0).
   */
  get(i: number): T {
    const n = this.items.length;
    const index = i < 0 ? n + i : i;
    if (!Number.isInteger(index) || index < 0 || index >= n) {
      throw new RangeError(`RollingWindow.get(${i}): index out of range, the window holds ${n} of ${this.capacity} items`);
    }
    return this.items[(n + this.tail - index - 1) % n];
  }

  /** The newest item; throws when empty. */
  get newest(): T {
    return this.get(0);
  }

  /** The oldest item; throws when empty. */
  get oldest(): T {
    return this.get(this.items.length - 1);
  }

  /** Empties the window and its sample count. */
  reset(): void {
    this.items.length = 0;
    this.tail = 0;
    this.totalSamples = 0;
    this.removed = undefined;
  }

  /** Iterates newest first. */
  *[Symbol.iterator](): Iterator<T> {
    const n = this.items.length;
    for (let i = 0; i < n; i++) yield this.items[(n + this.tail - i - 1) % n];
  }

  /** A copy, newest first. */
  toArray(): T[] {
    return [...this];
  }
}
