// The report's inlined assets: uPlot's minified browser build and its stylesheet, read once from the
// installed `uplot` package so the HTML file needs no network.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export interface ReportAssets {
  /** uPlot's IIFE build: defines the global `uPlot`. */
  uPlotScript: string;
  uPlotCss: string;
  /** The installed uplot version, for the report's footer. */
  uPlotVersion: string;
}

let cached: ReportAssets | undefined;

export function loadReportAssets(): ReportAssets {
  if (!cached) {
    const read = (path: string) => readFileSync(require.resolve(path), "utf8");
    cached = {
      uPlotScript: read("uplot/dist/uPlot.iife.min.js"),
      uPlotCss: read("uplot/dist/uPlot.min.css"),
      uPlotVersion: (JSON.parse(read("uplot/package.json")) as { version: string }).version,
    };
  }
  return cached;
}
