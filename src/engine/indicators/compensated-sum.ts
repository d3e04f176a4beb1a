/**
 * A running sum with Neumaier compensation, for window indicators that add the newest value
 * and subtract the oldest forever: plain `+=`/`-=` drifts over millions of updates, this keeps
 * the error at one rounding. LEAN sums in `decimal`, which does not drift; this is how doubles
 * stay close to it in O(1).
 */
export class CompensatedSum {
  private sum = 0;
  private compensation = 0;

  add(x: number): void {
    const t = this.sum + x;
    if (Math.abs(this.sum) >= Math.abs(x)) this.compensation += this.sum - t + x;
    else this.compensation += x - t + this.sum;
    this.sum = t;
  }

  get value(): number {
    return this.sum + this.compensation;
  }

  reset(): void {
    this.sum = 0;
    this.compensation = 0;
  }
}
