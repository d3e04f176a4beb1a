#!/usr/bin/env node
// Runs a TypeScript script of this repo (bench, data generator, research scripts).
import "./register.js";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  console.error("usage: node bin/run-ts.js FILE.ts [args...]");
  process.exit(2);
}
process.argv = [process.argv[0], file, ...rest];
await import(pathToFileURL(resolve(file)).href);
