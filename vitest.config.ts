import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Backtests in tests that name no store write to a throwaway one, never to ./storage in the repo.
const testStore = process.env.TRADELOOM_STORE ?? mkdtempSync(join(tmpdir(), "tradeloom-test-store-"));

export default defineConfig({
  resolve: {
    alias: { tradeloom: fileURLToPath(new URL("./src/index.ts", import.meta.url)) },
  },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    env: { TRADELOOM_STORE: testStore },
  },
});
