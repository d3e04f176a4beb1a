// Node module-resolution hook: "tradeloom" points at this package's sources from anywhere on disk,
// and a TypeScript file outside node_modules is loaded as an ES module even where no package.json
// says "type": "module" (a user's algorithm file in any folder).
const root = new URL("../src/", import.meta.url);
const TS_FILE = /\.(ts|mts|tsx)$/;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === "tradeloom") {
    return { url: new URL("index.ts", root).href, format: "module", shortCircuit: true };
  }
  const result = await nextResolve(specifier, context);
  if (result.url.startsWith("file:") && TS_FILE.test(result.url) && !result.url.includes("/node_modules/")) {
    return { ...result, format: "module" };
  }
  return result;
}
