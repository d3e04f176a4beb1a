#!/usr/bin/env node
import "./register.js";

const { main } = await import("../src/engine/cli/main.ts");
const code = await main(process.argv.slice(2));
if (typeof code === "number") process.exitCode = code;
