import { describe, expect, it } from "vitest";
import { ZUic } from "../sync/protocol.js";
import { buildUic, findNearDuplicates, isOneEditApart, isValidUic, normaliseUic } from "./uic.js";

describe("building a UIC", () => {
  it("assembles the brief's example from its parts", () => {
    expect(
      buildUic({
        motherGivenName: "Hoa",
        fatherGivenName: "Thanh",
        sex: "female",
        birthYear: 1985,
      }),
    ).toBe("HOTH285");
  });

  it("strips Vietnamese diacritics and reads đ as D", () => {
    expect(
      buildUic({ motherGivenName: "Đào", fatherGivenName: "Ánh", sex: "male", birthYear: 1990 }),
    ).toBe("DAAN190");
    expect(
      buildUic({ motherGivenName: "Ỉn", fatherGivenName: "ơn", sex: "other", birthYear: 2001 }),
    ).toBe("INON301");
    expect(normaliseUic("  hoth 2-85 ")).toBe("HOTH285");
    expect(normaliseUic("đĐ")).toBe("DD");
  });

  it("pads a one-letter name with X and keeps the year's last two digits", () => {
    expect(
      buildUic({ motherGivenName: "Ý", fatherGivenName: "Lử", sex: "female", birthYear: 2005 }),
    ).toBe("YXLU205");
  });

  it("builds codes the server accepts unchanged", () => {
    const names = ["Hương", "Đức", "Xiêng", "Ọm", "Mỷ", "Thắng", "Ly"];
    for (const mother of names)
      for (const father of names)
        for (const sex of ["female", "male", "other"] as const) {
          const parts = { motherGivenName: mother, fatherGivenName: father, sex, birthYear: 1979 };
          expect(ZUic.parse(buildUic(parts))).toBe(buildUic(parts));
        }
  });

  it("accepts what the server accepts", () => {
    expect(isValidUic("HOTH285")).toBe(true);
    expect(isValidUic("HOT")).toBe(false);
    expect(isValidUic("hoth285")).toBe(false);
  });
});

describe("near-duplicate clients", () => {
  it("finds codes one substitution, insertion or deletion apart", () => {
    expect(isOneEditApart("HOTH285", "HOTN285")).toBe(true);
    expect(isOneEditApart("HOTH285", "HOTHH285")).toBe(true);
    expect(isOneEditApart("HOTH285", "HOT285")).toBe(true);
    expect(isOneEditApart("HOTH285", "HOTH28")).toBe(true);
    expect(isOneEditApart("HOTH285", "XHOTH285")).toBe(true);
    expect(isOneEditApart("HOTH285", "HOTH285")).toBe(false);
    expect(isOneEditApart("HOTH285", "HTOH285")).toBe(false);
    expect(isOneEditApart("HOTH285", "HOTH2")).toBe(false);
  });

  const clients = [
    { id: "a", uic: "HOTH285", sex: "female" as const, birth_year: 1985 },
    { id: "b", uic: "HOTN285", sex: "female" as const, birth_year: 1985 },
    { id: "c", uic: "HOTN285", sex: "female" as const, birth_year: 1986 },
    { id: "d", uic: "HOTN185", sex: "male" as const, birth_year: 1985 },
    { id: "e", uic: "LATH285", sex: "female" as const, birth_year: 1985 },
  ];

  it("warns only when birth year and sex also match", () => {
    const found = findNearDuplicates({ uic: "hotn285", sex: "female", birth_year: 1985 }, clients);
    expect(found.exact.map((c) => c.id)).toEqual(["b", "c"]);
    expect(found.near.map((c) => c.id)).toEqual(["a"]);
  });

  it("finds nothing for a code far from every other", () => {
    expect(findNearDuplicates({ uic: "MIBI190", sex: "male", birth_year: 1990 }, clients)).toEqual({
      exact: [],
      near: [],
    });
  });
});
