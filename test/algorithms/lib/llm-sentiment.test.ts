// HttpLlmSentimentProvider against a fake OpenAI-compatible server on 127.0.0.1. The server runs
// on its own worker thread: the provider blocks this thread while it waits (that is the point),
// so a server on this thread's event loop could never answer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Worker } from "node:worker_threads";
import {
  HttpLlmSentimentProvider,
  LlmConfigurationError,
  LlmRequestError,
  LlmResponseError,
  LlmTimeoutError,
  SENTIMENT_SYSTEM_PROMPT,
  parseSentimentAnswer,
} from "../../../src/algorithms/lib/sentiment.ts";

const FAKE_SERVER = `
const { parentPort } = require("node:worker_threads");
const http = require("node:http");
const server = http.createServer((req, res) => {
  let text = "";
  req.on("data", (c) => (text += c));
  req.on("end", () => {
    const body = JSON.parse(text);
    parentPort.postMessage({ path: req.url, method: req.method, authorization: req.headers.authorization ?? null, body });
    const headline = body.messages.find((m) => m.role === "user").content;
    const send = (status, payload) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(typeof payload === "string" ? payload : JSON.stringify(payload));
    };
    const chat = (content) => send(200, { id: "chatcmpl-1", object: "chat.completion", model: body.model, choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }] });
    if (headline.includes("SLOW")) return void setTimeout(() => chat('{"signal":"NEUTRAL","confidence":0.5,"score":0}'), 4000);
    if (headline.includes("BAD SIGNAL")) return chat('{"signal":"UP","confidence":0.9,"score":0.5}');
    if (headline.includes("BAD CONFIDENCE")) return chat('{"signal":"BULLISH","confidence":"high","score":0.5}');
    if (headline.includes("BAD SCORE")) return chat('{"signal":"BULLISH","confidence":0.9,"score":7}');
    if (headline.includes("PROSE")) return chat("I think this is bullish.");
    if (headline.includes("NO CHOICES")) return send(200, { choices: [] });
    if (headline.includes("HTML")) return send(200, "<html>gateway</html>");
    if (headline.includes("OVERLOADED")) return send(503, { error: { message: "model overloaded" } });
    if (headline.includes("FENCED")) return chat('\`\`\`json\\n{"signal":"bearish","confidence":0.7,"score":-0.6}\\n\`\`\`');
    chat(JSON.stringify({ signal: "BULLISH", confidence: 0.8, score: 0.65 }));
  });
});
server.listen(0, "127.0.0.1", () => parentPort.postMessage({ listening: server.address().port }));
`;

let server: Worker;
let baseUrl: string;
const requests: { path: string; method: string; authorization: string | null; body: { model: string; temperature: number; messages: { role: string; content: string }[]; response_format: unknown } }[] = [];

/** Lets the server's queued messages reach this thread (they wait while analyze blocks). */
async function receivedRequests(count: number): Promise<typeof requests> {
  for (let i = 0; i < 200 && requests.length < count; i++) await new Promise((r) => setTimeout(r, 5));
  return requests;
}

beforeAll(async () => {
  server = new Worker(FAKE_SERVER, { eval: true });
  const port = await new Promise<number>((resolve, reject) => {
    server.on("message", (m) => (m.listening ? resolve(m.listening) : requests.push(m)));
    server.on("error", reject);
  });
  baseUrl = `http://127.0.0.1:${port}/v1/`;
});

afterAll(async () => {
  await server.terminate();
});

describe("HttpLlmSentimentProvider", () => {
  it("asks the chat-completions endpoint synchronously and returns the checked answer", async () => {
    const provider = new HttpLlmSentimentProvider({ baseUrl, model: "fake-model", apiKey: "sk-test", timeoutMs: 5000 });
    try {
      const before = requests.length;
      expect(provider.analyze("Stocks rally on strong earnings")).toEqual({ sentiment: { signal: { name: "BULLISH" }, confidence: 0.8, score: 0.65 } });
      expect(provider.analyze("FENCED: stocks fall")).toEqual({ sentiment: { signal: { name: "BEARISH" }, confidence: 0.7, score: -0.6 } });
      const seen = (await receivedRequests(before + 2)).slice(before);
      expect(seen[0]).toMatchObject({ path: "/v1/chat/completions", method: "POST", authorization: "Bearer sk-test" });
      expect(seen[0].body).toEqual({
        model: "fake-model",
        temperature: 0,
        response_format: { type: "json_object" },
        messages: [
          { role: "system", content: SENTIMENT_SYSTEM_PROMPT },
          { role: "user", content: "Stocks rally on strong earnings" },
        ],
      });
      expect(provider.name).toBe("llm:fake-model");
    } finally {
      provider.close();
    }
  });

  it("takes its endpoint, model and key from TRADELOOM_LLM_URL, _MODEL and _API_KEY", async () => {
    const provider = new HttpLlmSentimentProvider({ env: { TRADELOOM_LLM_URL: baseUrl, TRADELOOM_LLM_MODEL: "env-model" }, timeoutMs: 5000 });
    try {
      const before = requests.length;
      expect(provider.analyze("Stocks rally").sentiment.signal.name).toBe("BULLISH");
      const [seen] = (await receivedRequests(before + 1)).slice(before);
      expect(seen.body.model).toBe("env-model");
      expect(seen.authorization).toBeNull();
    } finally {
      provider.close();
    }
    expect(() => new HttpLlmSentimentProvider({ env: {} })).toThrow(LlmConfigurationError);
    expect(() => new HttpLlmSentimentProvider({ env: {} })).toThrow(/TRADELOOM_LLM_URL/);
    expect(() => new HttpLlmSentimentProvider({ env: { TRADELOOM_LLM_URL: baseUrl } })).toThrow(/TRADELOOM_LLM_MODEL/);
    expect(() => new HttpLlmSentimentProvider({ baseUrl: "ftp://x", model: "m", env: {} })).toThrow(/expected http/);
  });

  it("names the offending field of a malformed answer", () => {
    const provider = new HttpLlmSentimentProvider({ baseUrl, model: "fake-model", timeoutMs: 5000, env: {} });
    const fieldOf = (headline: string) => {
      try {
        provider.analyze(headline);
      } catch (error) {
        expect(error).toBeInstanceOf(LlmResponseError);
        return (error as LlmResponseError).field;
      }
      throw new Error(`no error for ${headline}`);
    };
    try {
      expect(fieldOf("BAD SIGNAL")).toBe("signal");
      expect(fieldOf("BAD CONFIDENCE")).toBe("confidence");
      expect(fieldOf("BAD SCORE")).toBe("score");
      expect(fieldOf("PROSE")).toBe("content");
      expect(fieldOf("NO CHOICES")).toBe("choices");
      expect(fieldOf("HTML")).toBe("body");
      expect(() => provider.analyze("BAD SIGNAL")).toThrow(/chat\/completions: invalid answer: signal: expected BULLISH, BEARISH or NEUTRAL, got "UP"/);
      expect(() => provider.analyze("OVERLOADED")).toThrow(LlmRequestError);
      expect(() => provider.analyze("OVERLOADED")).toThrow(/HTTP 503: .*model overloaded/);
      // the worker survives errors: a good answer still comes back
      expect(provider.analyze("fine").sentiment.score).toBe(0.65);
    } finally {
      provider.close();
    }
  });

  it("gives up at the timeout with LlmTimeoutError, then answers the next request", () => {
    const provider = new HttpLlmSentimentProvider({ baseUrl, model: "fake-model", timeoutMs: 300, env: {} });
    try {
      const started = performance.now();
      expect(() => provider.analyze("SLOW news day")).toThrow(LlmTimeoutError);
      const elapsed = performance.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(250);
      expect(elapsed).toBeLessThan(1500);
      expect(provider.analyze("Stocks rally").sentiment.signal.name).toBe("BULLISH");
    } finally {
      provider.close();
    }
  });

  it("reports a refused connection as LlmRequestError", () => {
    const provider = new HttpLlmSentimentProvider({ baseUrl: "http://127.0.0.1:1/v1", model: "m", timeoutMs: 2000, env: {} });
    try {
      expect(() => provider.analyze("x")).toThrow(LlmRequestError);
      expect(() => provider.analyze("x")).toThrow(/127\.0\.0\.1:1\/v1\/chat\/completions: fetch failed/);
    } finally {
      provider.close();
    }
  });

  it("checks answers without a server too (upper-cases the signal, bounds every number)", () => {
    expect(parseSentimentAnswer('{"signal":" neutral ","confidence":0,"score":-1}').sentiment).toEqual({ signal: { name: "NEUTRAL" }, confidence: 0, score: -1 });
    expect(() => parseSentimentAnswer('{"signal":"BULLISH","confidence":1.2,"score":0}')).toThrow(/confidence: expected a number from 0 to 1, got 1.2/);
    expect(() => parseSentimentAnswer("[1,2]")).toThrow(/content: not a JSON object/);
  });
});
