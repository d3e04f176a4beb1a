// Loads an algorithm class: from a TypeScript/JavaScript file anywhere on disk (its default export,
// or the one exported class that extends QCAlgorithm), or by the name of a built-in strategy.
import { existsSync } from "node:fs";
import { resolve, extname } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import { QCAlgorithm } from "./qc-algorithm.ts";
import { AlgorithmLoadError } from "../common/errors.ts";

const builtInFolder = fileURLToPath(new URL("../../algorithms/", import.meta.url));

export type AlgorithmClass = new () => QCAlgorithm;

/** The names of the strategies shipped in src/algorithms. */
export function builtInAlgorithmPath(name: string): string | undefined {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) return undefined;
  const path = resolve(builtInFolder, `${name}.ts`);
  return existsSync(path) ? path : undefined;
}

export async function loadAlgorithmClass(target: string): Promise<AlgorithmClass> {
  const looksLikeFile = [".ts", ".js", ".mts", ".mjs"].includes(extname(target)) || target.includes("/") || target.includes("\\");
  const path = looksLikeFile ? resolve(target) : builtInAlgorithmPath(target);
  if (!path) throw new AlgorithmLoadError(`no algorithm file or built-in algorithm named "${target}"`);
  if (!existsSync(path)) throw new AlgorithmLoadError(`algorithm file not found: ${path}`);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (err) {
    throw new AlgorithmLoadError(`could not load ${path}: ${(err as Error).message}`);
  }
  const candidates = [module.default, ...Object.values(module)].filter(
    (v): v is AlgorithmClass => typeof v === "function" && v.prototype instanceof QCAlgorithm,
  );
  if (candidates.length === 0) {
    throw new AlgorithmLoadError(`${path} exports no class that extends QCAlgorithm (export default class MyAlgo extends QCAlgorithm { ... })`);
  }
  return candidates[0];
}
