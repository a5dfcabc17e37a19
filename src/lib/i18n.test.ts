import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage } from "./i18n.js";

describe("localeFromAcceptLanguage", () => {
  it("prefers the highest-ranked language we have, Vietnamese when none", () => {
    expect(localeFromAcceptLanguage("en-GB,en;q=0.9,vi;q=0.8")).toBe("en");
    expect(localeFromAcceptLanguage("fr-FR,vi;q=0.5,en;q=0.4")).toBe("vi");
    expect(localeFromAcceptLanguage("fr-FR")).toBe("vi");
    expect(localeFromAcceptLanguage(undefined)).toBe("vi");
    expect(localeFromAcceptLanguage("en;q=0")).toBe("vi");
  });
});
