import { describe, expect, it } from "vitest";
import { en } from "./en.js";
import { format } from "./i18n.js";
import { vi } from "./vi.js";

const argumentsOf = (message: string) =>
  [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the app's messages", () => {
  it("have the same keys in Vietnamese and English, none empty", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [key, message] of [...Object.entries(vi), ...Object.entries(en)])
      expect(message.trim(), key).not.toBe("");
  });

  it("take the same arguments in both languages", () => {
    for (const key of Object.keys(vi) as (keyof typeof vi)[])
      expect(argumentsOf(en[key]), key).toEqual(argumentsOf(vi[key]));
  });

  it("come in pairs for counts (.one and .other)", () => {
    for (const key of Object.keys(vi).filter((k) => k.endsWith(".one")))
      expect(Object.keys(vi)).toContain(key.replace(/\.one$/, ".other"));
  });

  it("write Vietnamese in composed Unicode (NFC), as keyboards and fonts expect", () => {
    for (const [key, message] of Object.entries(vi))
      expect(message.normalize("NFC"), key).toBe(message);
  });

  it("fill arguments and leave unknown ones visible", () => {
    expect(format("Xin chào, {name}", { name: "Lan" })).toBe("Xin chào, Lan");
    expect(format("{count} of {total}", { count: 1 })).toBe("1 of {total}");
  });
});
