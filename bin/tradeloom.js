#!/usr/bin/env node
import "./register.js";

// `tradeloom store ls | head`: a reader that stops early is not an error
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const { main } = await import("../src/engine/cli/main.ts");
const code = await main(process.argv.slice(2));
if (typeof code === "number") process.exitCode = code;
