// An image on a public page: WebP for browsers that take it, JPEG for the rest, each at every width
// made, so the browser picks the smallest file that fills `sizes`. Width and height are given so the
// page does not jump as it loads; the alt text is in the page's language. No inline style: the
// Content-Security-Policy refuses it (src/http/security-headers.ts).
import type { Locale } from "../lib/i18n.js";
import type { Picture as PictureData } from "./service.js";

export interface PictureProps {
  picture: PictureData;
  locale: Locale;
  /** How wide the picture is shown, as the `sizes` attribute says it, e.g. "(min-width: 60rem) 50vw, 100vw". */
  sizes: string;
  /** A class for the <img>, for the page's stylesheet. */
  class?: string;
  /** "eager" for a picture at the top of a page (the largest thing a visitor first sees). */
  loading?: "lazy" | "eager";
}

export function Picture({
  picture,
  locale,
  sizes,
  class: className,
  loading = "lazy",
}: PictureProps) {
  return (
    <picture>
      {picture.sources.map((source) => (
        <source key={source.type} type={source.type} srcset={source.srcset} sizes={sizes} />
      ))}
      <img
        src={picture.src}
        alt={picture.alt[locale]}
        width={picture.width}
        height={picture.height}
        loading={loading}
        decoding="async"
        class={className}
      />
    </picture>
  );
}
