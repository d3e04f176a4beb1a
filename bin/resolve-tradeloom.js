// Node module-resolution hook: "tradeloom" and "tradeloom/..." point at this package's sources.
const root = new URL("../src/", import.meta.url);

export async function resolve(specifier, context, nextResolve) {
  if (specifier === "tradeloom") {
    return { url: new URL("index.ts", root).href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
