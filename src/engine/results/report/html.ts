// Small HTML helpers for the report: escaping, tables, time and number formatting. Strings only.
import { DateTime } from "luxon";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** JSON for a `<script type="application/json">`: `<` escaped so no value can close the tag. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** A script's source inlined in `<script>`: only `</script` could end it early. */
export function scriptForInline(source: string): string {
  return source.replace(/<\/script/gi, "<\\/script");
}

export function formatTime(ms: number, zone: string, withSeconds = false): string {
  return DateTime.fromMillis(ms, { zone }).toFormat(withSeconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm");
}

export function formatDate(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd");
}

const numberFormats = new Map<number, Intl.NumberFormat>();

/** `12,543.00`: grouped, fixed decimals (one cached formatter per digit count: tables have thousands of cells). */
export function formatNumber(value: number, digits = 2): string {
  let format = numberFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
    numberFormats.set(digits, format);
  }
  return format.format(value);
}

export function formatMoney(value: number): string {
  return `${value < 0 ? "-" : ""}$${formatNumber(Math.abs(value), 2)}`;
}

export function formatPercent(fraction: number, digits = 2): string {
  return `${formatNumber(fraction * 100, digits)} %`;
}

/** `3d 4h 05m`: a trade's duration. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return d > 0 ? `${d}d ${h}h ${String(m).padStart(2, "0")}m` : `${h}h ${String(m).padStart(2, "0")}m`;
}

/** One table cell: text, with an optional numeric sort value and class. */
export interface Cell {
  text: string;
  sortValue?: number;
  className?: string;
  style?: string;
}

export interface Column {
  label: string;
  numeric?: boolean;
}

export function cell(text: string, sortValue?: number, className?: string): Cell {
  return { text, sortValue, className };
}

/** A table; `sortable` makes every header clickable (the page script sorts by data-v or text). */
export function table(id: string, columns: readonly Column[], rows: ReadonlyArray<ReadonlyArray<Cell>>, sortable: boolean, caption?: string): string {
  const head = columns
    .map((c) => `<th scope="col"${c.numeric ? ' data-type="number" class="num"' : ""}>${escapeHtml(c.label)}</th>`)
    .join("");
  const body = rows
    .map(
      (row) =>
        `<tr>${row
          .map((c, i) => {
            const classes = [columns[i]?.numeric ? "num" : "", c.className ?? ""].filter(Boolean).join(" ");
            const attrs = `${c.sortValue !== undefined && Number.isFinite(c.sortValue) ? ` data-v="${c.sortValue}"` : ""}${classes ? ` class="${classes}"` : ""}${c.style ? ` style="${c.style}"` : ""}`;
            return `<td${attrs}>${escapeHtml(c.text)}</td>`;
          })
          .join("")}</tr>`,
    )
    .join("\n");
  return `<table id="${id}" class="data${sortable ? " sortable" : ""}">${caption ? `<caption>${escapeHtml(caption)}</caption>` : ""}<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** A plain sentence saying a section's data is absent (instead of an empty chart). */
export function absent(section: string, sentence: string): string {
  return `<p class="absent" data-absent="${escapeHtml(section)}">${escapeHtml(sentence)}</p>`;
}
