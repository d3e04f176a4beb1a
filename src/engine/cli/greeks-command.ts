// `tradeloom greeks FILE.csv [-o OUT.csv]`: argument parsing and file I/O only; the calculator is
// src/engine/pricing/greeks-calculator.ts.
import { readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { calculateGreeksCsv } from "../pricing/greeks-calculator.ts";

/** Where the command writes; tests pass their own. */
export interface GreeksCommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  setExitCode(code: number): void;
}

const processIo: GreeksCommandIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

export function registerGreeksCommand(program: Command, io: GreeksCommandIo = processIo): void {
  program
    .command("greeks")
    .description(
      "option calculator: price, delta, gamma, vega, theta, rho and implied vol for each row of a CSV " +
        "(columns id, exercise, type, S, K, T_years, r_cont, q_cont, sigma[, price]; units per 1.00 of vol and rate, per year)",
    )
    .argument("<file>", "input CSV")
    .option("-o, --output <file>", "write the result here instead of standard output")
    .action((file: string, options: { output?: string }) => {
      try {
        const output = calculateGreeksCsv(readFileSync(file, "utf8"), file);
        if (options.output) writeFileSync(options.output, output);
        else io.stdout(output);
      } catch (error) {
        const e = error as Error;
        io.stderr(`tradeloom greeks: ${e.name && e.name !== "Error" ? `${e.name}: ` : ""}${e.message}\n`);
        io.setExitCode(1);
      }
    });
}
