// Where LEAN's sample data lives for the tests (beside the repo, never copied into it).
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";

export const leanDataFolder = resolve(fileURLToPath(new URL("../../../shared/data/lean", import.meta.url)));
