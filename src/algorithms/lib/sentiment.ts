// Headline sentiment for the options bot: the provider interface (shaped as the guide's
// `sentiment_result.sentiment.signal.name`, `.confidence`, `.score`), the default offline
// word-list scorer, and a provider that asks an OpenAI-compatible chat-completions endpoint.
// Both are synchronous, because the engine loop is: the HTTP provider runs its request on a
// worker thread and blocks on Atomics.wait until the answer (or the timeout) arrives.
// Knows nothing of the engine or the store (caching is sentiment-cache.ts).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { MessageChannel, Worker, receiveMessageOnPort } from "node:worker_threads";

export type SentimentSignal = "BULLISH" | "BEARISH" | "NEUTRAL";
export const SENTIMENT_SIGNALS: readonly SentimentSignal[] = ["BULLISH", "BEARISH", "NEUTRAL"];

export interface SentimentResult {
  sentiment: {
    signal: { name: SentimentSignal };
    /** 0 (no evidence) .. 1 */
    confidence: number;
    /** -1 (very negative) .. +1 (very positive) */
    score: number;
  };
}

export interface SentimentProvider {
  readonly name: string;
  analyze(headline: string): SentimentResult;
}

export function sentimentResult(signal: SentimentSignal, confidence: number, score: number): SentimentResult {
  return { sentiment: { signal: { name: signal }, confidence, score } };
}

// ---- the word-list scorer ------------------------------------------------------------------

/** A malformed line in a word list. */
export class WordListFormatError extends Error {
  override readonly name = "WordListFormatError";
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file} line ${line}: ${reason}`);
  }
}

/** data/sentiment/word-list.txt in this repository. */
export const DEFAULT_WORD_LIST_PATH = fileURLToPath(new URL("../../../data/sentiment/word-list.txt", import.meta.url));

/** Parses `<word> <score>` lines (# comments and blank lines ignored); scores are integers -3..+3. */
export function parseWordList(text: string, file = "<word list>"): Map<string, number> {
  const words = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "" || line.startsWith("#")) continue;
    const parts = line.split(/\s+/);
    if (parts.length !== 2) throw new WordListFormatError(file, i + 1, `expected "<word> <score>", got "${line}"`);
    const [word, scoreText] = parts;
    if (!/^[+-]?\d+$/.test(scoreText)) throw new WordListFormatError(file, i + 1, `score "${scoreText}" is not an integer`);
    const score = Number(scoreText);
    if (score < -3 || score > 3) throw new WordListFormatError(file, i + 1, `score ${score} is outside -3..+3`);
    const key = word.normalize("NFC").toLowerCase();
    if (words.has(key)) throw new WordListFormatError(file, i + 1, `"${key}" is listed twice`);
    words.set(key, score);
  }
  return words;
}

/** Words that flip the sign of the next scored word. */
export const NEGATIONS: ReadonlySet<string> = new Set(["not", "no", "never", "without", "nor", "neither", "hardly", "barely", "cannot"]);
/** How many tokens after a negation its effect reaches (it is spent on the first scored word). */
export const NEGATION_WINDOW = 3;
/** VADER's normalisation constant: score = raw / sqrt(raw² + alpha). */
export const NORMALIZATION_ALPHA = 15;
/** |score| at or below this is NEUTRAL. */
export const NEUTRAL_BAND = 0.05;

export interface MatchedWord {
  word: string;
  /** the listed score, after negation */
  score: number;
  negated: boolean;
}

export interface WordListAnalysis extends SentimentResult {
  /** every listed word found, in order (zero-scored words included) */
  matches: MatchedWord[];
  /** the sum of the matched scores before normalisation */
  raw: number;
}

/**
 * The default, offline and deterministic scorer. Method (docs/bot-research.md):
 * 1. Tokens: the NFC-normalised, lower-cased headline split into words `[a-z0-9]+` joined by `-`
 *    or `'`; a trailing `'s` is dropped; a hyphenated token not in the list is scored by its
 *    parts ("one-month" → "one", "month"), one listed as a whole ("better-than-expected") is one
 *    word. "n't" endings count as a negation ("isn't" → negation).
 * 2. Negation: "not", "no", "never", "without", … flip the sign of the next scored word within
 *    three tokens ("not strong" = -strong); a negation is spent on one word.
 * 3. raw = the sum of matched scores; score = raw / sqrt(raw² + 15) (VADER's normalisation), in
 *    (-1, 1); BULLISH above +0.05, BEARISH below -0.05, else NEUTRAL.
 * 4. confidence = agreement × coverage: agreement = |Σ s| / Σ |s| over the scored words (1 when
 *    they all point the same way, 0 when they cancel), coverage = 1 - e^(-n/2) for n scored words
 *    (1 word 0.39, 2 words 0.63, 3 words 0.78). NEUTRAL: coverage over every listed word found
 *    (zero-scored hedging words such as "flat", "await" are evidence of a neutral headline); 0
 *    when no listed word is found.
 */
export class WordListSentimentProvider implements SentimentProvider {
  readonly name = "word-list";
  readonly words: ReadonlyMap<string, number>;

  constructor(options: { words?: ReadonlyMap<string, number>; path?: string } = {}) {
    if (options.words) this.words = options.words;
    else {
      const path = options.path ?? DEFAULT_WORD_LIST_PATH;
      this.words = parseWordList(readFileSync(path, "utf8"), path);
    }
  }

  analyze(headline: string): SentimentResult {
    const { sentiment } = this.explain(headline);
    return { sentiment };
  }

  /** The result with the words that made it. */
  explain(headline: string): WordListAnalysis {
    const matches: MatchedWord[] = [];
    let negationLeft = 0;
    for (const token of tokenize(headline)) {
      const isNegation = NEGATIONS.has(token) || token.endsWith("n't");
      if (isNegation) {
        negationLeft = NEGATION_WINDOW;
        continue;
      }
      const listed = this.words.get(token);
      const parts = listed === undefined && token.includes("-") ? token.split("-") : [token];
      for (const part of parts) {
        const score = this.words.get(part);
        if (score === undefined) continue;
        const negated = negationLeft > 0 && score !== 0;
        matches.push({ word: part, score: negated ? -score : score, negated });
        if (negated) negationLeft = 0;
      }
      if (negationLeft > 0) negationLeft--;
    }
    let raw = 0;
    let absolute = 0;
    let scored = 0;
    for (const m of matches) {
      raw += m.score;
      absolute += Math.abs(m.score);
      if (m.score !== 0) scored++;
    }
    const score = raw / Math.sqrt(raw * raw + NORMALIZATION_ALPHA);
    const signal: SentimentSignal = score > NEUTRAL_BAND ? "BULLISH" : score < -NEUTRAL_BAND ? "BEARISH" : "NEUTRAL";
    let confidence: number;
    if (signal === "NEUTRAL") confidence = matches.length === 0 ? 0 : coverage(matches.length);
    else confidence = (Math.abs(raw) / absolute) * coverage(scored);
    return { ...sentimentResult(signal, round(confidence), round(score)), matches, raw };
  }
}

function coverage(n: number): number {
  return 1 - Math.exp(-n / 2);
}

/** Six decimals: stable text in the cache and the tests, far below any signal. */
function round(x: number): number {
  return Math.round(x * 1e6) / 1e6 + 0;
}

/** The scorer's tokens of a headline (see WordListSentimentProvider). */
export function tokenize(headline: string): string[] {
  const text = headline.normalize("NFC").toLowerCase().replace(/[\u2018\u2019]/g, "'");
  const tokens: string[] = [];
  for (const match of text.matchAll(/[a-z0-9]+(?:['-][a-z0-9]+)*/g)) {
    let token = match[0];
    if (token.endsWith("'s")) token = token.slice(0, -2);
    tokens.push(token);
  }
  return tokens;
}

// ---- the LLM provider ----------------------------------------------------------------------

/** The provider's options or environment are incomplete. */
export class LlmConfigurationError extends Error {
  override readonly name = "LlmConfigurationError";
}

/** The endpoint answered, but not with what was asked; `field` names the offending part. */
export class LlmResponseError extends Error {
  override readonly name = "LlmResponseError";
  constructor(
    readonly field: string,
    readonly reason: string,
    readonly url: string,
  ) {
    super(`${url}: invalid answer: ${field}: ${reason}`);
  }
}

/** The request failed: connection refused, DNS, a non-2xx status. */
export class LlmRequestError extends Error {
  override readonly name = "LlmRequestError";
  constructor(
    readonly url: string,
    readonly reason: string,
    readonly status?: number,
  ) {
    super(`${url}: ${status === undefined ? "" : `HTTP ${status}: `}${reason}`);
  }
}

/** No answer within the timeout. */
export class LlmTimeoutError extends Error {
  override readonly name = "LlmTimeoutError";
  constructor(
    readonly url: string,
    readonly timeoutMs: number,
  ) {
    super(`${url}: no answer within ${timeoutMs} ms`);
  }
}

export interface HttpLlmSentimentProviderOptions {
  /** the API's base URL, e.g. https://api.openai.com/v1 (env TRADELOOM_LLM_URL); requests go to `${baseUrl}/chat/completions` */
  baseUrl?: string;
  /** env TRADELOOM_LLM_MODEL */
  model?: string;
  /** sent as `Authorization: Bearer …` when set (env TRADELOOM_LLM_API_KEY); local servers need none */
  apiKey?: string;
  /** per request (default 30,000 ms) */
  timeoutMs?: number;
  /** the system prompt (default SENTIMENT_SYSTEM_PROMPT) */
  systemPrompt?: string;
  /** where the env defaults come from (default process.env) */
  env?: Record<string, string | undefined>;
}

export const SENTIMENT_SYSTEM_PROMPT =
  "You rate the sentiment of a financial news headline for the US stock market. " +
  'Answer with one JSON object and nothing else: {"signal": "BULLISH" | "BEARISH" | "NEUTRAL", ' +
  '"confidence": number from 0 to 1, "score": number from -1 (very bearish) to 1 (very bullish)}.';

// The worker: plain JavaScript (no TypeScript loader needed), one request at a time. It answers
// on the request's own MessagePort, then wakes the blocked caller through the shared flag.
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
parentPort.on("message", async (request) => {
  const flag = new Int32Array(request.flag);
  let reply;
  try {
    const response = await fetch(request.url, {
      method: "POST",
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    reply = { kind: "response", status: response.status, text: await response.text() };
  } catch (error) {
    const name = error && error.name;
    const cause = error && error.cause && error.cause.message;
    reply = { kind: name === "TimeoutError" || name === "AbortError" ? "timeout" : "error", message: String((error && error.message) || error) + (cause ? ": " + cause : "") };
  }
  request.port.postMessage(reply);
  request.port.close();
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

type WorkerReply = { kind: "response"; status: number; text: string } | { kind: "timeout" } | { kind: "error"; message: string };

/**
 * Asks an OpenAI-compatible chat-completions endpoint for `{signal, confidence, score}` with
 * temperature 0 and `response_format: json_object`, and checks the answer (LlmResponseError
 * names the field). Synchronous: see the module header. One worker thread per provider, started
 * at the first call, unref'd (it never keeps the process alive); `close()` stops it.
 */
export class HttpLlmSentimentProvider implements SentimentProvider {
  readonly name: string;
  readonly url: string;
  readonly model: string;
  readonly timeoutMs: number;
  private readonly apiKey: string | undefined;
  private readonly systemPrompt: string;
  private worker: Worker | null = null;

  constructor(options: HttpLlmSentimentProviderOptions = {}) {
    const env = options.env ?? process.env;
    const baseUrl = options.baseUrl ?? env.TRADELOOM_LLM_URL;
    const model = options.model ?? env.TRADELOOM_LLM_MODEL;
    if (!baseUrl) throw new LlmConfigurationError("no LLM endpoint: pass baseUrl or set TRADELOOM_LLM_URL (e.g. https://api.openai.com/v1)");
    if (!model) throw new LlmConfigurationError("no LLM model: pass model or set TRADELOOM_LLM_MODEL");
    let parsed: URL;
    try {
      parsed = new URL(baseUrl);
    } catch {
      throw new LlmConfigurationError(`baseUrl ${JSON.stringify(baseUrl)} is not a URL`);
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new LlmConfigurationError(`baseUrl ${JSON.stringify(baseUrl)}: expected http(s)`);
    const timeoutMs = options.timeoutMs ?? 30_000;
    if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) throw new LlmConfigurationError(`timeoutMs must be a positive number, got ${timeoutMs}`);
    this.url = `${baseUrl.replace(/\/+$/, "")}/chat/completions`;
    this.model = model;
    this.name = `llm:${model}`;
    this.timeoutMs = timeoutMs;
    this.apiKey = options.apiKey ?? env.TRADELOOM_LLM_API_KEY ?? undefined;
    this.systemPrompt = options.systemPrompt ?? SENTIMENT_SYSTEM_PROMPT;
  }

  analyze(headline: string): SentimentResult {
    const body = JSON.stringify({
      model: this.model,
      temperature: 0,
      response_format: { type: "json_object" },
      messages: [
        { role: "system", content: this.systemPrompt },
        { role: "user", content: headline },
      ],
    });
    const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
    if (this.apiKey) headers.authorization = `Bearer ${this.apiKey}`;
    const reply = this.requestSync(body, headers);
    if (reply.kind === "timeout") throw new LlmTimeoutError(this.url, this.timeoutMs);
    if (reply.kind === "error") throw new LlmRequestError(this.url, reply.message);
    if (reply.status < 200 || reply.status > 299) throw new LlmRequestError(this.url, excerpt(reply.text), reply.status);
    return parseChatCompletion(reply.text, this.url);
  }

  /** Stops the worker thread (a later analyze starts a new one). */
  close(): void {
    void this.worker?.terminate();
    this.worker = null;
  }

  private requestSync(body: string, headers: Record<string, string>): WorkerReply {
    if (!this.worker) {
      this.worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
      this.worker.unref();
      this.worker.on("error", () => {
        this.worker = null;
      });
    }
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    try {
      this.worker.postMessage({ url: this.url, headers, body, timeoutMs: this.timeoutMs, flag: flag.buffer, port: port2 }, [port2]);
      // The worker aborts its fetch at timeoutMs; the extra second covers a wedged worker.
      Atomics.wait(flag, 0, 0, this.timeoutMs + 1000);
      const message = receiveMessageOnPort(port1);
      if (!message) {
        // The worker did not answer at all: start afresh next time.
        this.close();
        return { kind: "timeout" };
      }
      return message.message as WorkerReply;
    } finally {
      port1.close();
    }
  }
}

function excerpt(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > 300 ? `${oneLine.slice(0, 300)}…` : oneLine || "(empty body)";
}

/** Checks an OpenAI chat-completions response body and the JSON answer in its first choice. */
export function parseChatCompletion(text: string, url = "<response>"): SentimentResult {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new LlmResponseError("body", `not JSON: ${excerpt(text)}`, url);
  }
  const choices = (body as { choices?: unknown })?.choices;
  if (!Array.isArray(choices) || choices.length === 0) throw new LlmResponseError("choices", "missing or empty", url);
  const content = (choices[0] as { message?: { content?: unknown } })?.message?.content;
  if (typeof content !== "string") throw new LlmResponseError("choices[0].message.content", "missing or not a string", url);
  return parseSentimentAnswer(content, url);
}

/** Checks the model's `{signal, confidence, score}` (a ```json fence around it is tolerated). */
export function parseSentimentAnswer(content: string, url = "<answer>"): SentimentResult {
  const unfenced = content.trim().replace(/^```(?:json)?\s*/i, "").replace(/\s*```$/, "");
  let answer: unknown;
  try {
    answer = JSON.parse(unfenced);
  } catch {
    throw new LlmResponseError("content", `not a JSON object: ${excerpt(content)}`, url);
  }
  if (typeof answer !== "object" || answer === null || Array.isArray(answer)) throw new LlmResponseError("content", "not a JSON object", url);
  const { signal, confidence, score } = answer as Record<string, unknown>;
  const name = typeof signal === "string" ? signal.trim().toUpperCase() : undefined;
  if (!name || !(SENTIMENT_SIGNALS as readonly string[]).includes(name)) {
    throw new LlmResponseError("signal", `expected BULLISH, BEARISH or NEUTRAL, got ${JSON.stringify(signal)}`, url);
  }
  if (typeof confidence !== "number" || !Number.isFinite(confidence) || confidence < 0 || confidence > 1) {
    throw new LlmResponseError("confidence", `expected a number from 0 to 1, got ${JSON.stringify(confidence)}`, url);
  }
  if (typeof score !== "number" || !Number.isFinite(score) || score < -1 || score > 1) {
    throw new LlmResponseError("score", `expected a number from -1 to 1, got ${JSON.stringify(score)}`, url);
  }
  return sentimentResult(name as SentimentSignal, confidence, score);
}
