import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { en } from "./en.js";
import { enOffice } from "./en-office.js";
import { format } from "./i18n.js";
import { vi } from "./vi.js";
import { viOffice } from "./vi-office.js";

const argumentsOf = (message: string) =>
  [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

// The words of every screen, and those of the office screens only (loaded with them).
const parts = [
  { name: "every screen", vi: vi as Record<string, string>, en: en as Record<string, string> },
  {
    name: "office",
    vi: viOffice as Record<string, string>,
    en: enOffice as Record<string, string>,
  },
];

describe("the app's messages", () => {
  it("have the same keys in Vietnamese and English, none empty, no key in both parts", () => {
    for (const part of parts) {
      expect(Object.keys(part.en).sort(), part.name).toEqual(Object.keys(part.vi).sort());
      for (const [key, message] of [...Object.entries(part.vi), ...Object.entries(part.en)])
        expect(message.trim(), key).not.toBe("");
    }
    expect(Object.keys(vi).filter((key) => key in viOffice)).toEqual([]);
  });

  it("take the same arguments in both languages", () => {
    for (const part of parts)
      for (const key of Object.keys(part.vi))
        expect(argumentsOf(part.en[key]!), key).toEqual(argumentsOf(part.vi[key]!));
  });

  it("come in pairs for counts (.one and .other)", () => {
    for (const part of parts)
      for (const key of Object.keys(part.vi).filter((k) => k.endsWith(".one")))
        expect(Object.keys(part.vi)).toContain(key.replace(/\.one$/, ".other"));
  });

  it("write Vietnamese in composed Unicode (NFC), as keyboards and fonts expect", () => {
    for (const part of parts)
      for (const [key, message] of Object.entries(part.vi))
        expect(message.normalize("NFC"), key).toBe(message);
  });

  it("fill arguments and leave unknown ones visible", () => {
    expect(format("Xin chào, {name}", { name: "Lan" })).toBe("Xin chào, Lan");
    expect(format("{count} of {total}", { count: 1 })).toBe("1 of {total}");
  });
});

// The office words load with the office screens (app.tsx, withOfficeWords). Every other screen —
// the sign-in screen and Home in the first script, the field work's screens — must not need them:
// it would show a key instead of a word.
describe("the office screens' words", () => {
  const src = path.resolve(import.meta.dirname, "..");
  const officeScreen = /^(audit-|content-|finance-|images|newsletter-|password-once|user-|users-)/;

  /** The app's files a file brings in by static imports (a dynamic import() loads later). */
  function staticGraph(entry: string, seen = new Set<string>()): Set<string> {
    if (seen.has(entry)) return seen;
    seen.add(entry);
    const code = readFileSync(entry, "utf8");
    for (const found of code.matchAll(
      /^(?:import|export)\s(?!type\s)[^;]*?\sfrom\s+"(\.[^"]+)";/gms,
    )) {
      const base = path.resolve(path.dirname(entry), found[1]!).replace(/\.js$/, "");
      const file = [".ts", ".tsx"].map((ext) => base + ext).find((f) => existsSync(f));
      if (file) staticGraph(file, seen);
    }
    return seen;
  }

  const officeKeys = new Set(Object.keys(viOffice));
  // A prefix all of whose keys are office words: a key built as `content.kind.${kind}` is one.
  const officePrefixes = [...new Set([...officeKeys].map((k) => k.split(".")[0]!))].filter(
    (prefix) => !Object.keys(vi).some((k) => k.startsWith(`${prefix}.`)),
  );

  function officeWordsIn(file: string): string[] {
    const code = readFileSync(file, "utf8");
    const literals = [...code.matchAll(/["'`]([a-z_]+(?:\.[a-z_]+)+)["'`]/g)].map((m) => m[1]!);
    const built = [...code.matchAll(/`([a-z_]+)\.[^`]*\$\{/g)].map((m) => m[1]!);
    return [
      ...literals.filter((key) => officeKeys.has(key)),
      ...built.filter((prefix) => officePrefixes.includes(prefix)).map((p) => `${p}.…`),
    ];
  }

  it("load with every office screen (app.tsx)", () => {
    const app = readFileSync(path.join(src, "app.tsx"), "utf8");
    const loads = [
      ...app.matchAll(
        /lazy\(\s*(withOfficeWords\(\s*)?\(\) =>\s*import\("\.\/screens\/([\w-]+)\.js"\)/g,
      ),
    ];
    expect(loads.length).toBeGreaterThan(20);
    const unwrapped = loads.filter((m) => officeScreen.test(m[2]!) && !m[1]).map((m) => m[2]);
    expect(unwrapped).toEqual([]);
  });

  it("are found by this check where an office screen uses them", () => {
    expect(officeWordsIn(path.join(src, "screens/content-list.tsx")).length).toBeGreaterThan(0);
  });

  it("are used by no file of the first script nor of a field work screen", () => {
    const screens = readdirSync(path.join(src, "screens"))
      .filter((name) => name.endsWith(".tsx") && !officeScreen.test(name))
      .map((name) => path.join(src, "screens", name));
    const files = new Set<string>();
    for (const entry of [path.join(src, "main.tsx"), ...screens])
      for (const file of staticGraph(entry)) files.add(file);
    const misplaced = [...files]
      .filter((file) => !file.includes(`${path.sep}i18n${path.sep}`))
      .flatMap((file) => officeWordsIn(file).map((key) => `${path.relative(src, file)}: ${key}`));
    expect(misplaced).toEqual([]);
  });
});
