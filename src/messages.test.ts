// Every feature's messages: both languages, the same keys and arguments, composed Unicode.
import { type MessageFormatElement, parse, TYPE } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { catalogues, messages, translator } from "./messages.js";

/** The names of the ICU arguments a message uses. */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if ("value" in element && element.type !== TYPE.literal) names.add(String(element.value));
      if ("options" in element)
        for (const option of Object.values(element.options)) walk(option.value);
      if ("children" in element) walk(element.children);
    }
  };
  walk(parse(message));
  return [...names].sort();
}

describe("messages", () => {
  it("has every key in both languages, feature by feature", () => {
    for (const catalogue of catalogues) {
      expect(Object.keys(catalogue.en).sort()).toEqual(Object.keys(catalogue.vi).sort());
    }
  });

  it("has no key defined by two features", () => {
    const keys = catalogues.flatMap((c) => Object.keys(c.vi));
    expect(keys.length).toBe(new Set(keys).size);
  });

  it("has non-empty, parseable messages that use the same arguments in both languages", () => {
    for (const [key, vi] of Object.entries(messages.vi)) {
      const en = messages.en[key]!;
      expect(vi.trim(), key).not.toBe("");
      expect(en.trim(), key).not.toBe("");
      expect(argumentsOf(en), key).toEqual(argumentsOf(vi));
    }
  });

  it("writes Vietnamese in composed Unicode (NFC), so search and sorting work", () => {
    for (const [key, text] of Object.entries(messages.vi))
      expect(text, key).toBe(text.normalize("NFC"));
  });
});

describe("translator", () => {
  it("formats numbers and calendar dates the way each language writes them", () => {
    expect(translator("vi").number(1234567)).toBe("1.234.567");
    expect(translator("en").number(1234567)).toBe("1,234,567");
    expect(translator("vi").date("2011-07-01")).toBe("1/7/2011");
    expect(translator("en").date("2011-07-01")).toBe("01/07/2011");
  });
});
