// End to end in a real browser: a real backtest through the CLI (`tradeloom backtest --json`), its report
// through `tradeloom report`, opened from disk in headless Chromium with the network cut off. Every chart
// must have drawn its data (each series' colour on its canvas), with no console error and no request
// beyond the file itself. Screenshots go to test-output/report-browser/.
// Needs Chromium (Debian's at /usr/bin/chromium; CI installs it). Without it this test fails, on purpose.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Command } from "commander";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { registerReportCommand } from "../../../src/engine/cli/report-command.ts";
import type { ChartSpec } from "../../../src/engine/results/report-html.ts";
import { leanDataFolder } from "../../lean-parity/lean-data.ts";
import { UPDATE_ORDER_ALGORITHM } from "./real-result.ts";
import { syntheticGreeks, syntheticStorage } from "./synthetic-result.ts";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--headless",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const repo = resolve(fileURLToPath(new URL("../../../", import.meta.url)));
const outDir = join(repo, "test-output", "report-browser");

interface ChartReading {
  id: string;
  hasInstance: boolean;
  points: number;
  finitePerSeries: number[];
  canvas: [number, number] | null;
  /** Opaque pixels of each series' colour on the chart's canvas. */
  pixelsPerSeries: number[];
}

interface OpenedReport {
  page: Page;
  errors: string[];
  requests: string[];
  blocked: string[];
  charts: ChartReading[];
  specs: ChartSpec[];
}

// Run inside the page (as source text: this project's TypeScript has no DOM types). For each chart
// container: its uPlot instance's data, its canvas size, and the opaque pixels of each series' colour.
const SPECS_IN_PAGE = `JSON.parse(document.getElementById("tradeloom-data").textContent).charts`;
const READ_CHARTS_IN_PAGE = `(() => {
  const specs = ${SPECS_IN_PAGE};
  const hex = (c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
  return Array.from(document.querySelectorAll("[data-chart]")).map((el) => {
    const u = window.__tradeloomCharts[el.id];
    const canvas = el.querySelector("canvas");
    const spec = specs.find((s) => s.id === el.id);
    const pixelsPerSeries = [];
    if (canvas && spec) {
      const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
      for (const s of spec.series) {
        const [r, g, b] = hex(s.color);
        let n = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (data[i + 3] > 200 && Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 30) n++;
        }
        pixelsPerSeries.push(n);
      }
    }
    return {
      id: el.id,
      hasInstance: u !== undefined,
      points: u ? u.data[0].length : 0,
      finitePerSeries: u ? u.data.slice(1).map((s) => Array.from(s).filter((v) => v !== null && Number.isFinite(v)).length) : [],
      canvas: canvas ? [canvas.width, canvas.height] : null,
      pixelsPerSeries,
    };
  });
})()`;

function tradeloomReport(args: string[]): void {
  const err: string[] = [];
  let code = 0;
  const program = new Command().exitOverride();
  registerReportCommand(program, { stdout: () => {}, stderr: (t) => err.push(t), setExitCode: (c) => (code = c) });
  program.parse(["report", ...args], { from: "user" });
  if (code !== 0) throw new Error(`tradeloom report ${args.join(" ")} failed: ${err.join("")}`);
}

describe("the HTML report in headless Chromium", () => {
  let context: BrowserContext | undefined;
  let userDataDir = "";
  const backtestHtml = join(outDir, "backtest.html");
  const fullHtml = join(outDir, "backtest-storage-greeks.html");

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium is not installed at ${CHROMIUM}; the report's browser test needs it and does not skip. ` +
          "Install it with: sudo apt-get install -y chromium (CI's .ci/run does this).",
      );
    }
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    const json = join(outDir, "run.json");
    const backtest = spawnSync(
      process.execPath,
      [join(repo, "bin", "tradeloom.js"), "backtest", UPDATE_ORDER_ALGORITHM, "--data-folder", leanDataFolder, "--json", json, "--quiet", "--store", join(outDir, "store")],
      { cwd: repo, encoding: "utf8" },
    );
    if (backtest.status !== 0) throw new Error(`tradeloom backtest failed (${backtest.status}): ${backtest.stderr}`);
    tradeloomReport([json, "-o", backtestHtml, "--quiet"]);

    const result = JSON.parse(readFileSync(json, "utf8")) as { start: string };
    const withSections = { ...result, storage: syntheticStorage(Date.parse(result.start), 200), greeks: syntheticGreeks(Date.parse(result.start), 700) };
    const fullJson = join(outDir, "run-with-storage-greeks.json");
    writeFileSync(fullJson, JSON.stringify(withSections));
    tradeloomReport([fullJson, "-o", fullHtml, "--quiet"]);

    userDataDir = mkdtempSync(join(tmpdir(), "tradeloom-chromium-"));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      offline: true,
      viewport: { width: 1280, height: 900 },
    });
  });

  afterAll(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  async function open(file: string): Promise<OpenedReport> {
    const url = pathToFileURL(file).href;
    const page = await context!.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    const blocked: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
    page.on("request", (r) => requests.push(r.url()));
    await page.route("**/*", (route) => {
      const target = route.request().url();
      if (target === url || target.startsWith("data:") || target.startsWith("about:")) return route.continue();
      blocked.push(target);
      return route.abort();
    });
    await page.goto(url);
    await page.waitForFunction("window.__tradeloomReady === true", undefined, { timeout: 15_000 });
    const specs = (await page.evaluate(SPECS_IN_PAGE)) as ChartSpec[];
    const charts = (await page.evaluate(READ_CHARTS_IN_PAGE)) as ChartReading[];
    return { page, errors, requests, blocked, charts, specs };
  }

  /**
   * `overlapping`: charts where a real near-empty store leaves some series at ~0 (bytes and files
   * both ~0 %, used bars of zero height next to their quotas): there at least one series must show.
   */
  function expectEveryChartDrawn(opened: OpenedReport, ids: string[], overlapping: string[] = []): void {
    expect(opened.charts.map((c) => c.id)).toEqual(ids);
    for (const chart of opened.charts) {
      const spec = opened.specs.find((s) => s.id === chart.id)!;
      expect(chart.hasInstance, chart.id).toBe(true);
      expect(chart.points, chart.id).toBe(spec.x.length);
      expect(chart.points, chart.id).toBeGreaterThan(1);
      expect(chart.canvas?.[0] ?? 0, chart.id).toBeGreaterThan(300);
      expect(chart.canvas?.[1] ?? 0, chart.id).toBeGreaterThan(100);
      chart.finitePerSeries.forEach((n, i) => expect(n, `${chart.id} series "${spec.series[i].label}" has data`).toBeGreaterThan(0));
      if (overlapping.includes(chart.id)) expect(Math.max(...chart.pixelsPerSeries), `${chart.id} is drawn`).toBeGreaterThan(10);
      else chart.pixelsPerSeries.forEach((n, i) => expect(n, `${chart.id} series "${spec.series[i].label}" is drawn`).toBeGreaterThan(10));
    }
    expect(opened.errors).toEqual([]);
    expect(opened.blocked).toEqual([]);
    expect(opened.requests.every((r) => r === opened.page.url() || r.startsWith("data:") || r.startsWith("about:"))).toBe(true);
  }

  it("draws a real backtest's equity with its benchmark, drawdown, exposure and its store's usage, offline, with no error", async () => {
    const opened = await open(backtestHtml);
    expectEveryChartDrawn(opened, ["chart-equity", "chart-drawdown", "chart-exposure", "chart-storage-usage", "chart-storage-categories"], ["chart-storage-usage", "chart-storage-categories"]);
    expect(opened.requests).toEqual([pathToFileURL(backtestHtml).href]);
    await expect(opened.page.locator('[data-absent="greeks"]').innerText()).resolves.toMatch(/^No Greeks in this result/);
    await expect(opened.page.locator("#table-monthly-returns tbody tr").count()).resolves.toBe(2);
    const shot = join(outDir, "backtest.png");
    await opened.page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(20_000);
    await opened.page.close();
  });

  it("draws storage usage with its thresholds, projection and breaker trips, categories against quotas, and the Greeks", async () => {
    const opened = await open(fullHtml);
    expectEveryChartDrawn(opened, [
      "chart-equity",
      "chart-drawdown",
      "chart-exposure",
      "chart-greeks-delta",
      "chart-greeks-gamma",
      "chart-greeks-vega",
      "chart-greeks-theta",
      "chart-storage-usage",
      "chart-storage-categories",
    ]);
    const usage = opened.specs.find((s) => s.id === "chart-storage-usage")!;
    expect(usage.series.map((s) => s.label)).toEqual(
      expect.arrayContaining(["Alert 80 %", "Critical 90 %", "Full 100 %", "Circuit breaker: tripped", expect.stringMatching(/^Projection: full in \d+ days$/)]),
    );
    await expect(opened.page.locator("#table-circuit-breaker tbody tr").count()).resolves.toBeGreaterThan(0);

    // sortable: the trades by net P&L, up then down
    const netPnl = async () =>
      (await opened.page.evaluate(`Array.from(document.querySelectorAll("#table-trades tbody tr td:nth-child(11)")).map((c) => Number(c.getAttribute("data-v")))`)) as number[];
    const header = opened.page.locator("#table-trades thead th", { hasText: "Net P&L" });
    await header.click();
    const up = await netPnl();
    expect(up.length).toBe(11);
    expect(up).toEqual([...up].sort((a, b) => a - b));
    await header.click();
    const down = await netPnl();
    expect(down).toEqual([...up].reverse());

    const shot = join(outDir, "backtest-storage-greeks.png");
    await opened.page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(20_000);
    expect(opened.errors).toEqual([]);
    await opened.page.close();
  });
});
