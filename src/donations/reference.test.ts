import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findReferences, newReference, referenceAlphabet } from "./reference.js";

describe("pledge references", () => {
  it("are short, ASCII, unambiguous, and found again however a bank mangles the text", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        let state = seed;
        const reference = newReference((max) => {
          state = (state * 1103515245 + 12345) % 2 ** 31;
          return state % max;
        });
        expect(reference).toMatch(new RegExp(`^UH[${referenceAlphabet}]{7}$`));
        const spaced = `ck ${reference.slice(0, 4)} ${reference.slice(4).toLowerCase()} ủng hộ`;
        expect(findReferences(spaced)).toEqual([{ kind: "whole", reference }]);
        expect(findReferences(`MBVCB.123.${reference}.UNG HO`)).toEqual([
          { kind: "whole", reference },
        ]);
        expect(findReferences(`NGUYEN VAN A CHUYEN ${reference.slice(0, 7)}`)).toEqual([
          { kind: "truncated", prefix: reference.slice(0, 7) },
        ]);
      }),
      { numRuns: 200, seed: 16 },
    );
  });

  it("refuses a code whose check character does not hold", () => {
    const reference = newReference();
    const last = reference.at(-1)!;
    const wrong =
      referenceAlphabet[(referenceAlphabet.indexOf(last) + 1) % referenceAlphabet.length];
    expect(findReferences(`${reference.slice(0, -1)}${wrong} x`)).toEqual([]);
  });
});
