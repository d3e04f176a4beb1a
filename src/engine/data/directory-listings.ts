/**
 * Directory listings read once and then shared: the readers of one backtest look in the same
 * folders (an equity's trade and quote feeds both list its minute folder, and most dates hold only
 * one of the two), so each folder is read from disk once per run. Keep one for the length of a
 * run: it does not see files added after a folder was listed.
 */
import { readdirSync } from "node:fs";
import { basename, dirname } from "node:path";

export class DirectoryListings {
  private readonly listings = new Map<string, ReadonlySet<string> | null>();

  /** The names in `dir`, or null when it is not a readable directory. */
  get(dir: string): ReadonlySet<string> | null {
    let names = this.listings.get(dir);
    if (names === undefined) {
      try {
        names = new Set(readdirSync(dir));
      } catch {
        names = null;
      }
      this.listings.set(dir, names);
    }
    return names;
  }

  /** Whether the file at `path` is there, by its folder's listing. */
  has(path: string): boolean {
    return this.get(dirname(path))?.has(basename(path)) ?? false;
  }
}
