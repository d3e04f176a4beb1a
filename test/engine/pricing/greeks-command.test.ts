import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { registerGreeksCommand, type GreeksCommandIo } from "../../../src/engine/cli/greeks-command.ts";
import { GreeksInputError, parseGreeksCsv } from "../../../src/engine/pricing/greeks-calculator.ts";
import { loadReferenceRows, referenceVectorsPath, relativeError } from "./reference-vectors.ts";

function harness() {
  const out: string[] = [];
  const err: string[] = [];
  let exitCode = 0;
  const io: GreeksCommandIo = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), setExitCode: (c) => void (exitCode = c) };
  const program = new Command().exitOverride();
  registerGreeksCommand(program, io);
  return {
    run: (args: string[]) => program.parseAsync(["node", "tradeloom", ...args]),
    out: () => out.join(""),
    err: () => err.join(""),
    exitCode: () => exitCode,
  };
}

const tmp = mkdtempSync(join(tmpdir(), "tradeloom-greeks-"));

describe("tradeloom greeks", () => {
  it("recomputes the European rows of reference_vectors.csv and writes them with -o", async () => {
    const h = harness();
    const output = join(tmp, "out.csv");
    await h.run(["greeks", referenceVectorsPath, "-o", output]);
    expect(h.err()).toBe("");
    expect(h.exitCode()).toBe(0);
    const computed = parse(readFileSync(output), { columns: true }) as Record<string, string>[];
    const reference = loadReferenceRows();
    expect(computed.map((r) => r.id)).toEqual(reference.map((r) => r.id));
    for (const [i, row] of computed.entries()) {
      const ref = reference[i];
      if (ref.exercise === "european") {
        // price and Greeks are exact to ~1e-13 (see black-scholes.test.ts); QuantLib's own figures in the file to 1e-10
        for (const column of ["price", "delta", "gamma", "vega_per_unit_vol", "theta_per_year", "rho_per_unit_rate"]) {
          const expected = +ref[column];
          const ok = relativeError(+row[column], expected) <= 1e-10 || Math.abs(+row[column] - expected) <= 1e-13;
          expect(ok, `${ref.id} ${column}: ${row[column]} vs ${expected}`).toBe(true);
        }
        expect(row.implied_vol_from_price).not.toBe("");
      } else {
        expect(row.implied_vol_from_price).toBe("");
        if (ref.block !== "hull_textbook") {
          expect(Math.abs(+row.price - +ref.price), `${ref.id}`).toBeLessThanOrEqual(1e-4);
          expect(relativeError(+row.delta, +ref.delta) <= 1e-3 || Math.abs(+ref.delta) < 1e-8, ref.id).toBe(true);
        }
      }
    }
  }, 60_000);

  it("prints to standard output and solves sigma from a European price", async () => {
    const input = join(tmp, "one.csv");
    writeFileSync(input, "id,exercise,type,S,K,T_years,r_cont,q_cont,sigma,price\nx,european,call,21,20,0.25,0.1,0,,1.875\n");
    const h = harness();
    await h.run(["greeks", input]);
    const [row] = parse(h.out(), { columns: true }) as Record<string, string>[];
    expect(Math.abs(+row.implied_vol_from_price - 0.2345129139976438)).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(+row.sigma - 0.2345129139976438)).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(+row.price - 1.875)).toBeLessThanOrEqual(1e-12);
  });

  it("reports a bad row with its file, line and field", async () => {
    const input = join(tmp, "bad.csv");
    writeFileSync(input, "id,exercise,type,S,K,T_years,r_cont,q_cont,sigma\na,european,call,100,100,1,0,0,0.2\nb,american,put,abc,100,1,0,0,0.2\n");
    const h = harness();
    await h.run(["greeks", input]);
    expect(h.exitCode()).toBe(1);
    expect(h.err()).toBe(`tradeloom greeks: GreeksInputError: ${input} line 3: field "S": expected a number, got "abc"\n`);
    expect(() => parseGreeksCsv("id,exercise,type,S,K,T_years,r_cont,q_cont,sigma\nz,bermudan,put,1,1,1,0,0,0.2\n", "f.csv"))
      .toThrow(new GreeksInputError("f.csv", 2, "exercise", 'expected "european" or "american", got "bermudan"'));
    expect(() => parseGreeksCsv("id,exercise,type,S,K,T_years,r_cont,sigma\n", "g.csv")).toThrow(/g.csv line 1: field "q_cont": missing column/);
  });

  it("leaves the implied vol blank for a price outside the bounds", async () => {
    const input = join(tmp, "bounds.csv");
    writeFileSync(input, "id,exercise,type,S,K,T_years,r_cont,q_cont,sigma,price\nlow,european,call,110,100,0.5,0,0,0.2,9\n");
    const h = harness();
    await h.run(["greeks", input]);
    const [row] = parse(h.out(), { columns: true }) as Record<string, string>[];
    expect(row.implied_vol_from_price).toBe("");
    expect(+row.price).toBeGreaterThan(10);
  });
});
