/** LEAN's Identity: its value is its input. Ready after one sample. */
import { Indicator, resolveOptions, type NameOrOptions } from "./indicator.ts";

export class Identity extends Indicator {
  constructor(options?: NameOrOptions) {
    const { name, selector } = resolveOptions(options, "Identity");
    super(name, selector);
  }

  get isReady(): boolean {
    return this.samples > 0;
  }

  get warmUpPeriod(): number {
    return 1;
  }

  protected computeNextValue(_time: number, value: number): number {
    return value;
  }
}
