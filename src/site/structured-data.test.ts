import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { OrganisationView } from "../programmes/service.js";
import { logo } from "./logo.js";
import { jsonLdText, organisationData, postalAddressData } from "./structured-data.js";

describe("postalAddressData", () => {
  it("reads a Vietnamese address into a PostalAddress: street, town, postal code, country", () => {
    expect(
      postalAddressData("Số 12 ngõ 34 Láng Hạ, phường Láng Hạ, quận Đống Đa, Hà Nội, Việt Nam"),
    ).toEqual({
      "@type": "PostalAddress",
      streetAddress: "Số 12 ngõ 34 Láng Hạ, phường Láng Hạ, quận Đống Đa",
      addressLocality: "Hà Nội",
      addressCountry: "VN",
    });
    // A postal code after the town, or as a part of its own; lines instead of commas.
    expect(postalAddressData("12 Trần Hưng Đạo\nHoàn Kiếm\nHà Nội 100000\nViet Nam")).toMatchObject(
      {
        addressLocality: "Hà Nội",
        postalCode: "100000",
        streetAddress: "12 Trần Hưng Đạo, Hoàn Kiếm",
      },
    );
    expect(postalAddressData("5 Lê Lợi, Huế, 49000, Vietnam")).toMatchObject({
      streetAddress: "5 Lê Lợi",
      addressLocality: "Huế",
      postalCode: "49000",
    });
  });

  it("takes a province as the region, and the town before it as the locality", () => {
    expect(
      postalAddressData(
        "Tổ 5, phường Mường Thanh, thành phố Điện Biên Phủ, tỉnh Điện Biên, Việt Nam",
      ),
    ).toEqual({
      "@type": "PostalAddress",
      streetAddress: "Tổ 5, phường Mường Thanh",
      addressLocality: "thành phố Điện Biên Phủ",
      addressRegion: "tỉnh Điện Biên",
      addressCountry: "VN",
    });
    expect(postalAddressData("1 Main Street, Dien Bien Province, Vietnam")).toMatchObject({
      streetAddress: "1 Main Street",
      addressRegion: "Dien Bien Province",
    });
  });

  it("keeps an address it cannot take apart as its text, and gives none for an empty one", () => {
    // No country it knows at the end, or too few parts to tell street from town.
    expect(postalAddressData("PO Box 12, Vientiane, Laos")).toBe("PO Box 12, Vientiane, Laos");
    expect(postalAddressData("Hà Nội, Việt Nam")).toBe("Hà Nội, Việt Nam");
    expect(postalAddressData("  12 Láng Hạ\n  Hà Nội  ")).toBe("12 Láng Hạ Hà Nội");
    expect(postalAddressData("")).toBeUndefined();
    expect(postalAddressData("   ")).toBeUndefined();
  });
});

describe("organisationData", () => {
  const organisation: OrganisationView = {
    slug: "scdi",
    name: { vi: "Trung tâm SCDI", en: "SCDI centre" },
    shortName: "SCDI",
    about: { vi: "", en: "" },
    website: null,
  };

  it("names the logo and the address, and stays valid JSON whatever the address holds", () => {
    const data = organisationData(organisation, "en", "https://example.org", {
      postalAddress: 'Nhà "A" </script>, Hà Nội',
    });
    const read = JSON.parse(jsonLdText(data)) as Record<string, unknown>;
    expect(read.logo).toEqual({
      "@type": "ImageObject",
      url: `https://example.org${logo.path}`,
      width: 512,
      height: 512,
    });
    expect(read.address).toBe('Nhà "A" </script>, Hà Nội');
    expect(jsonLdText(data)).not.toContain("</script>");
    // No address configured: none given.
    expect(organisationData(organisation, "en", "https://example.org")).not.toHaveProperty(
      "address",
    );
  });

  it("takes the staff app's icon as the logo (one mark for the whole of Peerlink)", () => {
    const icon = readFileSync(new URL("../../app/public/icon-512.png", import.meta.url));
    expect(logo.png.equals(icon)).toBe(true);
    // The PNG's own header says 512 × 512 (IHDR: width and height at bytes 16 and 20).
    expect([logo.png.readUInt32BE(16), logo.png.readUInt32BE(20)]).toEqual([
      logo.width,
      logo.height,
    ]);
  });
});
