/**
 * Dated market headlines for the sentiment cache: 5-20 per trading day at exchange-local times
 * between 06:00 and 19:30, made from templates with positive, negative and neutral wording.
 * A headline's tone follows what the market has done by the time it is published (the previous
 * session's move before the open, the move since the previous close during the session), so the
 * file carries no information about future prices. About a third of each day's headlines are
 * drawn from a fixed pool of recurring stories, so the same text comes back on other days (a
 * sentiment cache should hit).
 *
 * File: `alternative/news/<ticker>/headlines.csv`, header `#time,source,headline`; time is
 * `yyyyMMdd HH:mm:ss` New York local; the headline is always double-quoted (RFC 4180; `"` doubled).
 */
import type { SimulatedDay } from "./market-model.ts";
import { Random } from "./random.ts";

export type Tone = "positive" | "negative" | "neutral";

export interface Headline {
  date: number;
  /** ms since local midnight, New York. */
  timeOfDay: number;
  source: string;
  text: string;
  /** The tone the template was chosen for (not written to the file). */
  tone: Tone;
}

const SOURCES = ["Newswire", "Market Desk", "Street Brief", "Wire Report", "Floor Notes"];

/** Singular subjects, so every template reads grammatically. */
const SUBJECTS = ["{T}", "The {T} index fund", "Wall Street", "The stock market", "The tech sector", "The banking sector", "The broad market", "The small-cap index", "The blue-chip index", "The equal-weight index"];

const POSITIVE_REASONS = [
  "strong earnings",
  "cooling inflation data",
  "an upbeat jobs report",
  "robust consumer spending",
  "a trade truce",
  "solid retail sales",
  "a dovish Fed outlook",
  "better-than-expected factory orders",
  "resilient corporate profits",
  "optimism over rate cuts",
  "a rebound in chip makers",
  "healthy bank results",
];

const NEGATIVE_REASONS = [
  "weak earnings",
  "hotter-than-expected inflation",
  "disappointing jobs data",
  "rising recession fears",
  "escalating trade tensions",
  "a hawkish Fed outlook",
  "a sharp drop in consumer confidence",
  "worries over slowing growth",
  "a slump in chip makers",
  "losses at regional banks",
  "a spike in bond yields",
  "fresh tariff threats",
];

const EVENTS = ["the Fed decision", "the CPI report", "the jobs report", "earnings season", "Treasury auctions", "GDP data", "retail sales figures", "the Fed minutes", "a busy week of data", "central bank remarks"];

const POSITIVE_TEMPLATES = [
  "{S} rallies as {P}",
  "{S} climbs on {P}",
  "{S} gains after {P}",
  "{S} surges to a record high on {P}",
  "Investors cheer {P}",
  "{S} rebounds as {P} lifts sentiment",
  "Analysts upgrade outlook for {S} after {P}",
  "{S} advances; buyers return on {P}",
  "Bulls take charge as {P} boosts {S}",
  "{S} extends winning streak on {P}",
];

const NEGATIVE_TEMPLATES = [
  "{S} slides as {N}",
  "{S} tumbles on {N}",
  "Selloff deepens as {N} weighs on {S}",
  "{S} falls amid {N}",
  "{S} drops sharply after {N}",
  "Investors flee risk as {N} hits {S}",
  "{S} slumps; analysts downgrade outlook on {N}",
  "Bears pounce as {N} drags {S} lower",
  "{S} sinks to a one-month low on {N}",
  "Volatility spikes as {N} rattles {S}",
];

const NEUTRAL_TEMPLATES = [
  "{S} little changed ahead of {E}",
  "Traders await {E}",
  "{S} flat as investors weigh {E}",
  "{S} steady in quiet trading before {E}",
  "Markets mixed as focus turns to {E}",
  "{S} holds range ahead of {E}",
  "What to watch this week: {E}",
  "{S} drifts as volumes stay light before {E}",
];

function fill(template: string, random: Random, ticker: string): string {
  const subject = random.pick(SUBJECTS);
  return template
    .replace("{S}", subject)
    .replace("{P}", random.pick(POSITIVE_REASONS))
    .replace("{N}", random.pick(NEGATIVE_REASONS))
    .replace("{E}", random.pick(EVENTS))
    .replaceAll("{T}", ticker.toUpperCase())
    .replace(/^./, (c) => c.toUpperCase());
}

function freshHeadline(tone: Tone, random: Random, ticker: string): string {
  const templates = tone === "positive" ? POSITIVE_TEMPLATES : tone === "negative" ? NEGATIVE_TEMPLATES : NEUTRAL_TEMPLATES;
  return fill(random.pick(templates), random, ticker);
}

/** Every headline the templates can produce for a tone (for checking the wording against a word list). */
export function everyHeadline(tone: Tone, ticker: string): string[] {
  const templates = tone === "positive" ? POSITIVE_TEMPLATES : tone === "negative" ? NEGATIVE_TEMPLATES : NEUTRAL_TEMPLATES;
  const fillers = tone === "positive" ? POSITIVE_REASONS : tone === "negative" ? NEGATIVE_REASONS : EVENTS;
  const slot = tone === "positive" ? "{P}" : tone === "negative" ? "{N}" : "{E}";
  const out: string[] = [];
  for (const template of templates) {
    for (const subject of SUBJECTS) {
      for (const filler of fillers) {
        const text = template.replace("{S}", subject).replace(slot, filler).replaceAll("{T}", ticker.toUpperCase());
        out.push(text.replace(/^./, (c) => c.toUpperCase()));
      }
    }
  }
  return out;
}

/** Probability of each tone given the market move known at publication (log return). */
function drawTone(move: number, random: Random): Tone {
  const lean = 1 / (1 + Math.exp(-move / 0.004));
  const u = random.next();
  if (u < 0.25) return "neutral";
  return random.next() < lean ? "positive" : "negative";
}

/** The headlines of every simulated day, sorted by time. */
export function generateHeadlines(days: readonly SimulatedDay[], ticker: string, seed: number, initialPrice: number): Headline[] {
  const poolRandom = Random.stream(seed, "headline-pool");
  const pool: Record<Tone, string[]> = { positive: [], negative: [], neutral: [] };
  for (const tone of ["positive", "negative", "neutral"] as const) {
    for (let i = 0; i < 12; i++) pool[tone].push(freshHeadline(tone, poolRandom, ticker));
  }
  const result: Headline[] = [];
  let previousClose = initialPrice;
  let previousMove = 0;
  for (const day of days) {
    const s = day.session;
    const random = Random.stream(seed, `headlines:${s.date}`);
    const count = Math.min(20, 5 + random.poisson(6));
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      // 06:00-19:30 local, a third before the open, whole seconds.
      const u = random.next();
      const start = u < 0.3 ? 6 * 3600 : u < 0.9 ? s.openLocal / 1000 : s.closeLocal / 1000;
      const end = u < 0.3 ? s.openLocal / 1000 : u < 0.9 ? s.closeLocal / 1000 : 19.5 * 3600;
      times.push(Math.floor(start + random.next() * (end - start)) * 1000);
    }
    times.sort((a, b) => a - b);
    const n = s.minutes;
    const dayClose = day.close[n - 1];
    for (const timeOfDay of times) {
      let move: number;
      if (timeOfDay < s.openLocal) move = previousMove;
      else if (timeOfDay >= s.closeLocal) move = Math.log(dayClose / previousClose);
      else {
        const minute = Math.floor((timeOfDay - s.openLocal) / 60_000);
        // the last finished minute's close (before the first minute ends: the previous close)
        move = minute === 0 ? 0 : Math.log(day.close[minute - 1] / previousClose);
      }
      const tone = drawTone(move, random);
      const text = random.next() < 0.35 ? random.pick(pool[tone]) : freshHeadline(tone, random, ticker);
      result.push({ date: s.date, timeOfDay, source: random.pick(SOURCES), text, tone });
    }
    previousMove = Math.log(dayClose / previousClose);
    previousClose = dayClose;
  }
  return result;
}

function two(n: number): string {
  return String(n).padStart(2, "0");
}

/** `20250102 07:15:03` from a date and ms since midnight. */
export function formatLocalTime(date: number, timeOfDay: number): string {
  const seconds = Math.floor(timeOfDay / 1000);
  return `${date} ${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
}

export function headlinesCsv(headlines: readonly Headline[]): string {
  const rows = headlines.map((h) => `${formatLocalTime(h.date, h.timeOfDay)},${h.source},"${h.text.replaceAll('"', '""')}"`);
  return ["#time,source,headline", ...rows].join("\n") + "\n";
}

export function headlinesPath(ticker: string): string {
  return `alternative/news/${ticker.toLowerCase()}/headlines.csv`;
}
