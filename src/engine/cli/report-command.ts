// `tradeloom report results/run.json [-o run.html]`: argument parsing and file I/O only; the report is
// src/engine/results/report-html.ts.
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { defaultReportPath, readResultJson, writeReportFile } from "../results/report-html.ts";

/** Where the command writes; tests pass their own. */
export interface ReportCommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  setExitCode(code: number): void;
}

const processIo: ReportCommandIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

export interface ReportCommandOptions {
  output?: string;
  title?: string;
  timeZone?: string;
  maxPoints?: number;
  quiet?: boolean;
}

function parsePositiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 8) throw new InvalidArgumentError(`expected a whole number of at least 8, got "${value}"`);
  return n;
}

/** Runs the command; returns the path written. Errors go to `io.stderr` with exit code 1. */
export function reportCommand(resultFile: string, options: ReportCommandOptions, io: ReportCommandIo = processIo): string | undefined {
  try {
    const output = options.output ?? defaultReportPath(resultFile);
    const written = writeReportFile(readResultJson(resultFile), output, {
      title: options.title,
      timeZone: options.timeZone,
      maxPointsPerChart: options.maxPoints,
      source: resultFile,
    });
    if (!options.quiet) io.stdout(`Report written to ${written.path} (${(written.bytes / 1024).toFixed(0)} KB)\n`);
    return written.path;
  } catch (error) {
    const e = error as Error;
    io.stderr(`tradeloom report: ${e.name && e.name !== "Error" ? `${e.name}: ` : ""}${e.message}\n`);
    io.setExitCode(1);
    return undefined;
  }
}

export function registerReportCommand(program: Command, io: ReportCommandIo = processIo): void {
  program
    .command("report")
    .description("write the HTML report of a backtest result (tradeloom backtest --json): one self-contained file that opens offline")
    .argument("<results>", "the result JSON, e.g. results/sma-crossover-20260101_120000.json")
    .option("-o, --output <file>", "the HTML file to write (default: the result's name with .html)")
    .option("--title <text>", "the report's title")
    .option("--time-zone <zone>", "IANA zone for tables, months and axes (default: the result's, else America/New_York)")
    .option("--max-points <n>", "most points drawn per chart (default 4000)", parsePositiveInteger)
    .option("--quiet", "print nothing on success")
    .action((results: string, options: ReportCommandOptions) => {
      reportCommand(results, options, io);
    });
}
