import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { minifyCss, stylesheet } from "./stylesheet.js";

const source = readFileSync(new URL("./assets/site.css", import.meta.url), "utf8");
const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, "");
const strings = (css: string) => css.match(/"[^"]*"/g) ?? [];

describe("the site's stylesheet", () => {
  it("goes into pages without its comments and layout spaces, and nothing else changed", () => {
    expect(stylesheet.css).toBe(minifyCss(source));
    expect(stylesheet.css).not.toContain("/*");
    expect(stylesheet.css).not.toMatch(/\n| {2}/);
    // At least a quarter smaller.
    expect(stylesheet.css.length).toBeLessThan(source.length * 0.75);
    // The same characters but spaces, in the same order (a `;` before `}` is optional in CSS) …
    expect(stylesheet.css.replace(/\s/g, "")).toBe(
      withoutComments.replace(/\s/g, "").replace(/;}/g, "}"),
    );
    // … and its strings (attribute values, font names) as they were.
    expect(strings(stylesheet.css)).toEqual(strings(withoutComments));
    // Selectors keep the space that makes them descendant selectors.
    expect(minifyCss(".a :focus-visible,\n.b > .c {\n  color: red;\n}\n")).toBe(
      ".a :focus-visible,.b > .c{color: red}",
    );
  });

  it("is allowed by the hash of exactly what pages carry", () => {
    const hash = createHash("sha256").update(stylesheet.css).digest("base64");
    expect(stylesheet.cspSource).toBe(`'sha256-${hash}'`);
  });

  it("leaves what is below the first screen undrawn until it comes near, with room for focus outlines", () => {
    const rule = /\.section ~ \.section,\.cards > \.card:nth-child\(n \+ 3\)\{([^}]*)\}/.exec(
      stylesheet.css,
    );
    expect(rule?.[1]).toContain("content-visibility: auto");
    expect(rule?.[1]).toMatch(/contain-intrinsic-size: auto \d+rem/);
    expect(rule?.[1]).toContain("overflow-clip-margin: 0.5rem");
    // The footer is always drawn: undrawn, its light-on-dark text reads as light on white.
    expect(/\.site-footer\{[^}]*content-visibility/.test(stylesheet.css)).toBe(false);
  });
});
