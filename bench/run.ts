// `npm run bench`: runs every bench section in this process, prints the figures and writes them to
// BENCHMARKS.md. Sections: engine, storage, pricing (each module's own bench file).
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cpus } from "node:os";
import type { BenchRow, BenchSection } from "./types.ts";

const sections: Array<[string, () => Promise<{ run(): Promise<BenchSection> }>]> = [
  ["engine", () => import("./engine.ts")],
  ["storage", () => import("./storage.ts")],
  ["pricing", () => import("./pricing.ts")],
  ["report", () => import("./report.ts")],
];

const only = process.argv.slice(2);
const fmt = (n: number) => (Math.abs(n) >= 100 ? Math.round(n).toLocaleString("en-US") : n.toPrecision(4));

function rowLine(r: BenchRow): string {
  const ratio = r.baseline ? `${(r.value / r.baseline).toFixed(2)}` : "";
  return `| ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.baseline !== undefined ? `${fmt(r.baseline)} (${r.baselineName ?? "baseline"})` : ""} | ${ratio} | ${r.target ?? ""} | ${r.note ?? ""} |`;
}

const results: BenchSection[] = [];
for (const [name, load] of sections) {
  if (only.length && !only.includes(name)) continue;
  process.stderr.write(`bench: ${name}...\n`);
  const module = await load();
  const section = await module.run();
  results.push(section);
  for (const r of section.rows) process.stdout.write(`${section.title}: ${r.name}: ${fmt(r.value)} ${r.unit}${r.baseline ? ` (baseline ${fmt(r.baseline)}, ratio ${(r.value / r.baseline).toFixed(2)})` : ""}\n`);
}

const lines = [
  "# Benchmarks",
  "",
  `Written by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? "unknown CPU"}).`,
  "Each figure is measured beside its baseline in the same process; the ratio is ours ÷ baseline.",
  "",
];
for (const s of results) {
  lines.push(`## ${s.title}`, "", "| measure | ours | baseline | ratio | target | note |", "| --- | --- | --- | --- | --- | --- |");
  for (const r of s.rows) lines.push(rowLine(r));
  lines.push("");
}
if (!only.length) writeFileSync(fileURLToPath(new URL("../BENCHMARKS.md", import.meta.url)), lines.join("\n"));
