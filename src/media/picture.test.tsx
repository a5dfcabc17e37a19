// The picture a public page shows: both formats offered, the size given, the alt text in the
// page's language, lazy loading, and no inline style (the Content-Security-Policy refuses it).
import { render } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { Picture } from "./picture.js";
import type { Picture as PictureData } from "./service.js";

const picture: PictureData = {
  id: "0190a5b2-0000-7000-8000-000000000001",
  alt: { vi: "Nhóm đồng đẳng họp", en: "A peer group meets" },
  width: 1600,
  height: 1067,
  src: "/media/0190a5b2-0000-7000-8000-000000000001/1024.0123456789abcdef.jpg",
  sources: [
    { type: "image/webp", srcset: "/media/x/320.aaaaaaaaaaaaaaaa.webp 320w" },
    { type: "image/jpeg", srcset: "/media/x/320.bbbbbbbbbbbbbbbb.jpg 320w" },
  ],
};

describe("<Picture>", () => {
  it("offers WebP then JPEG, with the size, the page's alt text and lazy loading", () => {
    const html = render(<Picture picture={picture} locale="en" sizes="100vw" />);
    expect(html).toBe(
      '<picture><source type="image/webp" srcset="/media/x/320.aaaaaaaaaaaaaaaa.webp 320w" sizes="100vw"/>' +
        '<source type="image/jpeg" srcset="/media/x/320.bbbbbbbbbbbbbbbb.jpg 320w" sizes="100vw"/>' +
        `<img src="${picture.src}" alt="A peer group meets" width="1600" height="1067" loading="lazy" decoding="async"/></picture>`,
    );
    expect(html).not.toContain("style");
  });

  it("says the alt text in Vietnamese on a Vietnamese page, and loads eagerly when asked", () => {
    const html = render(
      <Picture picture={picture} locale="vi" sizes="50vw" class="cover" loading="eager" />,
    );
    expect(html).toContain('alt="Nhóm đồng đẳng họp"');
    expect(html).toContain('class="cover"');
    expect(html).toContain('loading="eager"');
  });
});
