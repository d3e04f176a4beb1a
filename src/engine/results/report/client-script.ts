// The script the report page runs: reads the embedded chart specs (chart-spec.ts), makes one uPlot chart per
// spec, keeps them in `window.__tradeloomCharts` (tests and curious users read them back), and sorts tables
// when a header is clicked. Plain ES2017 in a string: the page loads nothing else.

export const CLIENT_SCRIPT = String.raw`
(function () {
  "use strict";
  var payload = JSON.parse(document.getElementById("tradeloom-data").textContent);
  var charts = {};
  window.__tradeloomCharts = charts;

  function group(n, digits) {
    return n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }
  function format(kind, v) {
    if (v === null || v === undefined || !isFinite(v)) return "-";
    switch (kind) {
      case "money": return "$" + group(v, Math.abs(v) >= 1e5 ? 0 : 2);
      case "percent": return group(v, Math.abs(v) >= 10 ? 1 : 2) + " %";
      case "megabytes": return group(v, v >= 100 ? 0 : 1) + " MB";
      default: return Math.abs(v) >= 1000 ? group(v, 0) : String(Number(v.toPrecision(4)));
    }
  }
  function axisFormat(kind, v) {
    if (kind === "money") {
      var a = Math.abs(v);
      if (a >= 1e9) return "$" + (v / 1e9).toFixed(1) + "B";
      if (a >= 1e6) return "$" + (v / 1e6).toFixed(2) + "M";
      if (a >= 1e4) return "$" + (v / 1e3).toFixed(0) + "k";
      return "$" + group(v, 0);
    }
    if (kind === "percent") return (Math.abs(v) < 10 && v % 1 !== 0 ? v.toFixed(1) : v.toFixed(0)) + "%";
    if (kind === "megabytes") return group(v, v % 1 === 0 || Math.abs(v) >= 100 ? 0 : 1) + " MB";
    return format(kind, v);
  }

  function build(spec, width) {
    var el = document.getElementById(spec.id);
    var category = spec.xKind === "category";
    var series = [
      category
        ? { label: "Category", value: function (u, v) { return v === null ? "-" : (spec.categories[v] || ""); } }
        : { label: "Time", value: "{YYYY}-{MM}-{DD} {HH}:{mm}" },
    ];
    spec.series.forEach(function (s) {
      var o = {
        label: s.label,
        stroke: s.color,
        width: s.width || 1.5,
        value: function (u, v) { return format(spec.yFormat, v); },
        points: { show: false },
      };
      if (s.fill) o.fill = s.fill;
      if (s.dash) o.dash = s.dash;
      if (s.style === "points") {
        o.paths = function () { return null; };
        o.points = { show: true, size: 11, fill: s.color, stroke: "#ffffff", width: 1.5 };
      } else if (s.style === "step") {
        o.paths = uPlot.paths.stepped({ align: 1 });
      } else if (s.style === "bars") {
        o.paths = uPlot.paths.bars({ size: [0.38, 90], align: s.barAlign || 0 });
      }
      series.push(o);
    });
    var yAxis = {
      size: spec.yFormat === "money" || spec.yFormat === "megabytes" ? 80 : 64,
      values: function (u, splits) { return splits.map(function (v) { return axisFormat(spec.yFormat, v); }); },
    };
    var xAxis = category
      ? {
          splits: function () { return spec.x; },
          values: function (u, splits) { return splits.map(function (i) { return spec.categories[i] || ""; }); },
          size: 44,
        }
      : {};
    var scales = { x: { time: !category } };
    if (category) scales.x.range = function () { return [-0.5, spec.x.length - 0.5]; };
    if (spec.yRange) scales.y = { range: function () { return spec.yRange; } };
    else if (category) {
      scales.y = {
        range: function (u, min, max) { return [0, max > 0 ? max * 1.08 : 1]; },
      };
    }
    var opts = {
      width: width,
      height: spec.height || 280,
      series: series,
      scales: scales,
      axes: [xAxis, yAxis],
      legend: { live: true },
      cursor: { drag: { x: !category, y: false } },
    };
    if (!category && payload.timeZone) {
      opts.tzDate = function (ts) { return uPlot.tzDate(new Date(ts * 1e3), payload.timeZone); };
    }
    var data = [spec.x].concat(spec.series.map(function (s) { return s.values; }));
    charts[spec.id] = new uPlot(opts, data, el);
  }

  // every width is read before any chart is inserted: reading layout between insertions would re-lay out
  // the whole page (tables included) once per chart
  var widths = payload.charts.map(function (spec) {
    return Math.max(320, Math.floor(document.getElementById(spec.id).getBoundingClientRect().width) || 960);
  });
  payload.charts.forEach(function (spec, i) { build(spec, widths[i]); });

  var resizeTimer = 0;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      Object.keys(charts).forEach(function (id) {
        var u = charts[id];
        var w = Math.max(320, Math.floor(document.getElementById(id).getBoundingClientRect().width));
        if (w !== u.width) u.setSize({ width: w, height: u.height });
      });
    }, 150);
  });

  // Sortable tables: click a header to sort by it, click again to reverse. Cells carry data-v (number) when
  // their text is formatted.
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    var headers = table.querySelectorAll("thead th");
    Array.prototype.forEach.call(headers, function (th, col) {
      th.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var numeric = th.getAttribute("data-type") === "number";
        rows.sort(function (a, b) {
          var x = a.cells[col], y = b.cells[col];
          var vx = x.hasAttribute("data-v") ? x.getAttribute("data-v") : x.textContent;
          var vy = y.hasAttribute("data-v") ? y.getAttribute("data-v") : y.textContent;
          var c = numeric ? Number(vx) - Number(vy) : vx.localeCompare(vy);
          return ascending ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });

  window.__tradeloomReady = true;
})();
`;
