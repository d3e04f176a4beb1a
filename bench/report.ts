// Bench section "report": the HTML report of a 1-year minute backtest (98,280 minute equity samples, a
// benchmark, ~2,500 orders and their fills, a year of Greeks and a storage section), its size, the time to
// build it, and the time headless Chromium takes to open it from disk until every chart is drawn.
// Targets (issue 7): under 5 MB and under 2 s to open. Measured, not asserted.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { buildReportHtml } from "../src/engine/results/report-html.ts";
import { syntheticMinuteYear } from "../test/engine/results/synthetic-result.ts";
import type { BenchRow, BenchSection } from "./types.ts";

const CHROMIUM = process.env.TRADELOOM_CHROMIUM ?? "/usr/bin/chromium";
const ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const MB = 1024 * 1024;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(): Promise<BenchSection> {
  const work = fileURLToPath(new URL("./.work/", import.meta.url));
  mkdirSync(work, { recursive: true });
  const result = syntheticMinuteYear();
  const points = (result.equity as unknown[]).length;
  const orders = (result.orders as unknown[]).length;

  const buildTimes: number[] = [];
  let html = "";
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    html = buildReportHtml(result);
    buildTimes.push(performance.now() - t0);
  }
  const file = join(work, "report-minute-year.html");
  writeFileSync(file, html);
  const size = statSync(file).size;
  const unreduced = Buffer.byteLength(buildReportHtml(result, { maxPointsPerChart: Number.MAX_SAFE_INTEGER }));

  const rows: BenchRow[] = [
    { name: `report HTML size, 1-year minute backtest (${points.toLocaleString("en-US")} equity points, ${orders.toLocaleString("en-US")} orders, storage, Greeks)`, value: size / MB, unit: "MB", target: "< 5 MB", baseline: unreduced / MB, baselineName: "same report, every point drawn" },
    { name: "report build time (validate, compute, render HTML)", value: median(buildTimes), unit: "ms", note: "median of 3" },
  ];

  const userDataDir = mkdtempSync(join(tmpdir(), "tradeloom-bench-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: ARGS, offline: true, viewport: { width: 1280, height: 900 } });
  try {
    const url = pathToFileURL(file).href;
    const loads: number[] = [];
    const errors: string[] = [];
    for (let i = 0; i < 4; i++) {
      const page = await context.newPage();
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      const t0 = performance.now();
      await page.goto(url);
      await page.waitForFunction("window.__tradeloomReady === true", undefined, { timeout: 30_000 });
      loads.push(performance.now() - t0);
      await page.close();
    }
    if (errors.length) throw new Error(`the report logged errors in Chromium: ${errors.join("; ")}`);
    rows.push({
      name: "open in headless Chromium from disk until every chart is drawn",
      value: median(loads.slice(1)),
      unit: "ms",
      target: "< 2000 ms",
      note: `first open ${Math.round(loads[0])} ms, then median of 3; browser already running`,
    });
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
  return { title: "HTML report", rows };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const section = await run();
  for (const r of section.rows) process.stdout.write(`${r.name}: ${r.value.toFixed(2)} ${r.unit}${r.baseline !== undefined ? ` (${r.baselineName}: ${r.baseline.toFixed(2)})` : ""}${r.note ? ` [${r.note}]` : ""}\n`);
}
