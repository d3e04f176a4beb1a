// The HTML report as a document (the browser test renders it): self-contained, sections present or
// plainly absent, text escaped, deterministic, and the `tradeloom report` command around it.
import { describe, expect, it } from "vitest";
import { Command } from "commander";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildReportHtml, buildReportModel, defaultReportPath, ReportInputError, type ChartSpec } from "../../../src/engine/results/report-html.ts";
import { registerReportCommand } from "../../../src/engine/cli/report-command.ts";
import { realResult } from "./real-result.ts";
import { syntheticGreeks, syntheticStorage } from "./synthetic-result.ts";

const require = createRequire(import.meta.url);
const uPlotSource = readFileSync(require.resolve("uplot/dist/uPlot.iife.min.js"), "utf8");

function payloadOf(html: string): { timeZone: string; charts: ChartSpec[] } {
  const match = /<script type="application\/json" id="tradeloom-data">([\s\S]*?)<\/script>/.exec(html);
  if (!match) throw new Error("no embedded data");
  return JSON.parse(match[1]);
}

describe("buildReportHtml on a real backtest", () => {
  it("is one self-contained file: uPlot and its CSS inlined, no external reference, no network allowed by its CSP", async () => {
    const html = buildReportHtml(await realResult());
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain(uPlotSource.slice(0, 2000).replace(/<\/script/gi, "<\\/script"));
    expect(html).toContain(".uplot, .uplot *");
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
    expect(html).not.toMatch(/url\(\s*['"]?(https?:)?\/\//i);
    expect(html).toContain(`content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it("draws the storage section the run's monitor wrote: usage against the thresholds and categories against quotas", async () => {
    const result = await realResult();
    expect(result.storage).toBeDefined();
    const { charts } = payloadOf(buildReportHtml(result));
    expect(charts.map((c) => c.id)).toEqual(["chart-equity", "chart-drawdown", "chart-exposure", "chart-storage-usage", "chart-storage-categories"]);
  });

  it("draws equity with the benchmark, drawdown and exposure; says plainly that Greeks and storage are absent", async () => {
    const { storage: _storage, ...withoutStorage } = await realResult();
    const html = buildReportHtml(withoutStorage);
    const { charts, timeZone } = payloadOf(html);
    expect(timeZone).toBe("America/New_York");
    expect(charts.map((c) => c.id)).toEqual(["chart-equity", "chart-drawdown", "chart-exposure"]);
    const equity = charts[0];
    expect(equity.series.map((s) => s.label)).toEqual(["Equity", "Benchmark (rescaled to the starting equity)"]);
    expect(equity.x).toHaveLength(1733);
    expect(equity.series[0].values[0]).toBe(100000);
    expect(equity.series[1].values[0]).toBe(100000);
    for (const id of ["chart-equity", "chart-drawdown", "chart-exposure"]) expect(html).toContain(`id="${id}"`);
    expect(html).toMatch(/data-absent="greeks">No Greeks in this result/);
    expect(html).toMatch(/data-absent="storage">No storage data in this result/);
    expect(html).not.toContain('id="chart-storage-usage"');
    expect(html).not.toContain('id="chart-greeks-delta"');
  });

  it("reports the maximum drawdown LEAN's statistics report, and one monthly row per year", async () => {
    const r = await realResult();
    const model = buildReportModel(r);
    // LEAN rounds the fraction to 3 decimals, then prints it as a percent with 3 decimals
    expect(`${(Math.round((model.maxDrawdown ?? NaN) * 1000) / 10).toFixed(3)}%`).toBe(r.statistics.Drawdown);
    expect(model.monthly?.years.map((y) => y.year)).toEqual([2013, 2014]);
    const html = buildReportHtml(r);
    const monthly = /<table id="table-monthly-returns"[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";
    expect(monthly.match(/<tr>/g)).toHaveLength(3); // header + 2013 + 2014
    // the two years compound to the run's net profit
    const [y13, y14] = model.monthly!.years;
    expect(((1 + y13.total) * (1 + y14.total) - 1) * 100).toBeCloseTo(Number.parseFloat(r.statistics["Net Profit"]), 2);
  });

  it("lists every statistic, every order and the closed trades in sortable tables", async () => {
    const r = await realResult();
    const html = buildReportHtml(r);
    for (const [name, value] of Object.entries(r.statistics)) expect(html).toContain(`<td>${name.replace(/&/g, "&amp;")}</td><td class="num">${value}</td>`);
    const orders = /<table id="table-orders" class="data sortable">[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";
    expect(orders.match(/<tr>/g)).toHaveLength(r.orders.length + 1);
    expect(html).toMatch(/<table id="table-trades" class="data sortable">/);
    expect(html).toContain("11 closed trades (fills matched first in, first out), 0 winning");
  });

  it("is deterministic: the same result gives the same bytes", async () => {
    const r = await realResult();
    expect(buildReportHtml(r)).toBe(buildReportHtml(r));
  });

  it("caps the points per chart, keeping the drawdown's trough", async () => {
    const r = await realResult();
    const model = buildReportModel(r, { maxPointsPerChart: 200 });
    const drawdown = model.charts.find((c) => c.id === "chart-drawdown")!;
    expect(drawdown.x.length).toBeLessThanOrEqual(200);
    expect(Math.min(...(drawdown.series[0].values as number[]))).toBeCloseTo(-(model.maxDrawdown ?? 0) * 100, 3);
    expect(drawdown.note).toMatch(/^1,733 points drawn as \d+/);
  });
});

describe("buildReportHtml with storage and Greeks", () => {
  it("draws usage against the thresholds, categories against quotas and the four Greeks; escapes every text", async () => {
    const r = await realResult();
    const storage = syntheticStorage(Date.parse(r.start), 200);
    storage.byCategory["x</script><b>"] = { sizeBytes: 1, files: 1, quotaBytes: 2 };
    const html = buildReportHtml({ ...r, storage, greeks: syntheticGreeks(Date.parse(r.start), 400), orders: [{ ...r.orders[0], tag: "<img src=x onerror=alert(1)>" }] });
    const { charts } = payloadOf(html);
    expect(charts.map((c) => c.id)).toEqual([
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
    expect(charts.find((c) => c.id === "chart-storage-categories")!.categories).toContain("x</script><b>");
    expect(html).not.toContain("x</script><b>");
    expect(html).toContain("<td>scratch &lt;b&gt;not html&lt;/b&gt;</td>");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain('data-absent="greeks"');
    expect(html).not.toContain('data-absent="storage"');
    const trips = storage.circuitBreakerEvents.filter((e) => e.type === "tripped").length;
    expect((html.match(/<td>tripped<\/td>/g) ?? []).length).toBe(trips);
    expect(html).toContain("<td>options_greeks</td>");
    expect(html).toMatch(/Days until full<\/div><div class="v">~\d+ days/);
  });

  it("reads a storage-only result as a storage report", () => {
    const html = buildReportHtml({ storage: syntheticStorage(Date.UTC(2025, 0, 1), 30) });
    expect(html).toContain("<title>Storage report</title>");
    expect(payloadOf(html).charts.map((c) => c.id)).toEqual(["chart-storage-usage", "chart-storage-categories"]);
    expect(html).not.toContain('id="equity"');
  });

  it("rejects what is not a result, naming the problem", () => {
    expect(() => buildReportHtml({ hello: 1 })).toThrow(ReportInputError);
    expect(() => buildReportHtml({ equity: [] }, { timeZone: "Mars/Olympus" })).toThrow(/unknown time zone "Mars\/Olympus"/);
    expect(buildReportHtml({ equity: [] })).toContain('data-absent="equity"');
  });
});

describe("tradeloom report", () => {
  function run(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    let code = 0;
    const program = new Command().exitOverride();
    registerReportCommand(program, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), setExitCode: (c) => (code = c) });
    program.parse(["report", ...args], { from: "user" });
    return { out: out.join(""), err: err.join(""), code };
  }

  it("writes the HTML next to the JSON by default, or where -o says", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tradeloom-report-"));
    const json = join(dir, "run.json");
    writeFileSync(json, JSON.stringify(await realResult()));
    const first = run([json, "--quiet"]);
    expect(first).toEqual({ out: "", err: "", code: 0 });
    expect(defaultReportPath(json)).toBe(join(dir, "run.html"));
    expect(readFileSync(join(dir, "run.html"), "utf8")).toContain('id="chart-equity"');
    const second = run([json, "-o", join(dir, "sub", "named.html"), "--title", "My run"]);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/^Report written to .*named\.html \(\d+ KB\)\n$/);
    expect(readFileSync(join(dir, "sub", "named.html"), "utf8")).toContain("<title>My run</title>");
  });

  it("fails with exit code 1 and a message naming the file when the input is not a result", () => {
    const dir = mkdtempSync(join(tmpdir(), "tradeloom-report-"));
    const bad = join(dir, "bad.json");
    writeFileSync(bad, "{ not json");
    const result = run([bad, "-o", join(dir, "bad.html")]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^tradeloom report: ReportInputError: .*bad\.json is not JSON/);
    expect(existsSync(join(dir, "bad.html"))).toBe(false);
    const missing = run([join(dir, "missing.json")]);
    expect(missing.err).toMatch(/cannot read .*missing\.json/);
  });
});
