// `tradeloom store <ls|get|put|rm|stats|cleanup|export|import|restore>`: argument parsing only;
// the work is done by src/storage/management.ts.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { CommanderError, type Command } from "commander";
import {
  cleanupCommand,
  exportCommand,
  getCommand,
  importCommand,
  listCommand,
  putCommand,
  removeCommand,
  restoreCommand,
  statsCommand,
} from "../../storage/management.ts";
import { ObjectStoreManager } from "../../storage/manager.ts";
import { openObjectStore, DEFAULT_STORE_DIRECTORY } from "../../storage/open.ts";
import { loadObjectStoreSettings } from "../../storage/config.ts";

/** Where the command writes and reads; tests pass their own. */
export interface StoreCommandIo {
  stdout(data: string | Uint8Array): void;
  stderr(text: string): void;
  readStdin(): Promise<Uint8Array>;
  /** after the error was written to stderr: end the command with this exit code */
  fail(code: number): void;
}

const processIo: StoreCommandIo = {
  stdout: (data) => void process.stdout.write(data),
  stderr: (text) => void process.stderr.write(text),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  },
  fail: (code) => {
    // already reported on stderr; a CommanderError makes the CLI's main return the exit code
    process.exitCode = code;
    throw new CommanderError(code, "tradeloom.store.failed", "");
  },
};

interface StoreOptions {
  store: string;
  config: string;
}

export function registerStoreCommand(program: Command, io: StoreCommandIo = processIo): void {
  const store = program
    .command("store")
    .description("manage the persistent object store (list, read, write, clean up, export, import, restore)");

  const withStore = (cmd: Command) =>
    cmd
      .option("--store <dir|url>", "store directory or postgres:// URL", DEFAULT_STORE_DIRECTORY)
      .option("--config <file>", "settings file with the quantconnect.object_store block", "config/settings.json");

  const run =
    <A extends unknown[]>(name: string, body: (manager: ObjectStoreManager, ...args: A) => Promise<string | Uint8Array>) =>
    async (...args: unknown[]) => {
      const cmd = args[args.length - 1] as Command;
      const opts = cmd.opts() as StoreOptions;
      let manager: ObjectStoreManager | undefined;
      try {
        const settings = loadObjectStoreSettings(resolve(opts.config));
        manager = new ObjectStoreManager(await openObjectStore({ store: opts.store, settings }));
        io.stdout(await body(manager, ...(args.slice(0, -1) as A)));
      } catch (error) {
        const e = error as Error;
        io.stderr(`tradeloom store ${name}: ${e.name && e.name !== "Error" ? `${e.name}: ` : ""}${e.message}\n`);
        io.fail(1);
      } finally {
        await manager?.store.close();
      }
    };

  withStore(store.command("ls"))
    .description("list objects: key, category, size, compressed, created, expires")
    .option("--category <category>", "only this category")
    .option("--prefix <prefix>", "only keys starting with this")
    .option("--json", "print a JSON array")
    .action(
      run("ls", (m, opts: { category?: string; prefix?: string; json?: boolean }) => listCommand(m, opts)),
    );

  withStore(store.command("get"))
    .description("write an object's value to stdout")
    .argument("<key>")
    .action(run("get", (m, key: string) => getCommand(m, key)));

  withStore(store.command("put"))
    .description("save FILE (or stdin) under KEY through the manager (compression, limits and quotas apply)")
    .argument("<key>")
    .argument("[file]")
    .option("--category <category>", "storage category", "research_data")
    .option("--expire-days <days>", 'days until it expires, or "never" (default: auto_cleanup.keep_days)')
    .option("--json", "parse the input as JSON and store it as JSON")
    .action(
      run("put", async (m, key: string, file: string | undefined, opts: { category?: string; expireDays?: string; json?: boolean }) => {
        const input = file === undefined || file === "-" ? await io.readStdin() : readFileSync(file);
        return putCommand(m, key, input, opts);
      }),
    );

  withStore(store.command("rm"))
    .description("delete an object")
    .argument("<key>")
    .action(run("rm", (m, key: string) => removeCommand(m, key)));

  withStore(store.command("stats"))
    .description("the OBJECT STORE STATISTICS report: usage from the index, growth rate, days until full, per category, monthly cost")
    .option("--json", "print the statistics as JSON (snake_case)")
    .action(run("stats", (m, opts: { json?: boolean }) => statsCommand(m, opts)));

  withStore(store.command("cleanup"))
    .description("remove expired objects (archiving them when archive_before_delete)")
    .action(run("cleanup", (m) => cleanupCommand(m)));

  withStore(store.command("export"))
    .description("write the whole store (or one category) to one archive file")
    .argument("<file>")
    .option("--category <category>", "only this category")
    .action(run("export", (m, file: string, opts: { category?: string }) => exportCommand(m, file, opts)));

  withStore(store.command("import"))
    .description("load an archive file written by export")
    .argument("<file>")
    .action(run("import", (m, file: string) => importCommand(m, file)));

  withStore(store.command("restore"))
    .description("bring archived objects back (no KEY: list the archive)")
    .argument("[keys...]")
    .option("--all", "restore every archived key")
    .option("--expire-days <days>", 'expiry of the restored objects (default: never)')
    .action(run("restore", (m, keys: string[], opts: { all?: boolean; expireDays?: string }) => restoreCommand(m, keys, opts)));
}
