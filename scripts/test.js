#!/usr/bin/env node
// `npm test`: starts the throwaway PostgreSQL the shared-store tests need (when its binaries are on
// the machine), runs the whole vitest suite, and stops the server. Under CI=true a missing
// PostgreSQL is a failure, never a silent skip. Extra arguments go to vitest.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const env = { ...process.env };
let started = false;

if (!env.TRADELOOM_PG_URL) {
  const start = spawnSync("bash", ["scripts/postgres/start.sh"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (start.status === 0) {
    env.TRADELOOM_PG_URL = start.stdout.trim().split("\n").pop();
    started = true;
    console.log(`PostgreSQL started for the tests at ${env.TRADELOOM_PG_URL}`);
  } else if (start.status === 3) {
    const message = "PostgreSQL is not installed: the PostgreSQL back-end tests do not run (install with: apt-get install -y postgresql-15)";
    if (env.CI === "true") {
      console.error(`${message}; under CI=true this is a failure.`);
      process.exit(1);
    }
    console.log(message);
  } else {
    console.error(start.stderr);
    console.error("could not start PostgreSQL for the tests (scripts/postgres/start.sh failed)");
    process.exit(1);
  }
}

const vitest = fileURLToPath(new URL("../node_modules/vitest/vitest.mjs", import.meta.url));
const run = spawnSync(process.execPath, [vitest, "run", ...process.argv.slice(2)], { cwd: root, env, stdio: "inherit" });

if (started) spawnSync("bash", ["scripts/postgres/stop.sh", env.TRADELOOM_PG_URL], { cwd: root, stdio: "inherit" });
process.exit(run.status ?? 1);
