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

describe("localeFromEnvironment", () => {
  it("reads the POSIX locale in its order of precedence, English unless it is Vietnamese", async () => {
    const { localeFromEnvironment } = await import("./i18n.js");
    expect(localeFromEnvironment({ LANG: "vi_VN.UTF-8" })).toBe("vi");
    expect(localeFromEnvironment({ LANG: "vi" })).toBe("vi");
    expect(localeFromEnvironment({ LC_ALL: "en_GB.UTF-8", LANG: "vi_VN.UTF-8" })).toBe("en");
    expect(localeFromEnvironment({ LC_MESSAGES: "vi_VN", LANG: "C.UTF-8" })).toBe("vi");
    expect(localeFromEnvironment({ LANG: "C.UTF-8" })).toBe("en");
    expect(localeFromEnvironment({})).toBe("en");
    expect(localeFromEnvironment({ LANG: "video" })).toBe("en");
  });
});
