// Makes TypeScript files runnable without a build step (tsx) and makes the bare
// specifier "tradeloom" resolve to this package from anywhere on disk, so a user's
// algorithm file outside the repo can `import { QCAlgorithm } from "tradeloom"`.
import { register as registerTsx } from "tsx/esm/api";
import { register } from "node:module";

registerTsx();
register(new URL("./resolve-tradeloom.js", import.meta.url));
