// The demo's cover images: drawings, not photographs, made here from SVG and labelled on the image
// and in their alt texts as illustrations of the demo data set, so no visitor takes them for a
// picture of real people or places. They go through the media service like any upload.
import type { Db } from "../db/connection.js";
import type { Locale } from "../lib/i18n.js";
import { uploadImage } from "../media/service.js";

export type DemoIllustration = "hills" | "meeting";

const width = 1200;
const height = 675;

/** The label every illustration carries, in both languages (the demo is shown in both). */
function label(): string {
  return `
    <rect x="32" y="${height - 112}" width="520" height="84" rx="12" fill="#ffffff" opacity="0.92"/>
    <text x="56" y="${height - 68}" font-family="DejaVu Sans, Noto Sans, Liberation Sans, sans-serif"
      font-size="30" font-weight="bold" fill="#0b6158">Ảnh minh hoạ · Illustration</text>
    <text x="56" y="${height - 40}" font-family="DejaVu Sans, Noto Sans, Liberation Sans, sans-serif"
      font-size="16" fill="#4a5a58">Dữ liệu mẫu · Demo data</text>`;
}

/** Hills of the north-west under a morning sun, a road leading into them. */
function hills(): string {
  return `
    <rect width="${width}" height="${height}" fill="#e5f0ee"/>
    <circle cx="930" cy="170" r="80" fill="#f2c14e"/>
    <path d="M0 420 Q 220 250 420 380 T 820 330 T 1200 360 V 675 H 0 Z" fill="#8fbfb3"/>
    <path d="M0 500 Q 300 380 600 470 T 1200 450 V 675 H 0 Z" fill="#4f9484"/>
    <path d="M560 675 C 600 580 640 540 700 470 L 720 470 C 690 540 680 600 700 675 Z" fill="#d9c8a0"/>`;
}

/** People sitting in a circle around a low table: a group meeting, drawn as simple shapes. */
function meeting(): string {
  const colours = ["#0b6158", "#b45309", "#4f9484", "#8a5a9e", "#2a7d4f", "#3d6fa8"];
  const people = colours
    .map((colour, i) => {
      // Six places on the far half of an ellipse around the table, left to right.
      const angle = Math.PI * (1.08 + (i / 5) * 0.84);
      const x = Math.round(600 + 360 * Math.cos(angle));
      const y = Math.round(420 + 150 * Math.sin(angle));
      return `<circle cx="${x}" cy="${y - 70}" r="34" fill="#e8c4a0"/>
        <rect x="${x - 45}" y="${y - 32}" width="90" height="120" rx="40" fill="${colour}"/>`;
    })
    .join("");
  return `
    <rect width="${width}" height="${height}" fill="#f2f6f5"/>
    <rect y="430" width="${width}" height="245" fill="#d3dedc"/>
    ${people}
    <ellipse cx="600" cy="470" rx="220" ry="60" fill="#a47148"/>
    <circle cx="540" cy="455" r="16" fill="#ffffff"/>
    <circle cx="660" cy="455" r="16" fill="#ffffff"/>`;
}

const drawings: Record<DemoIllustration, { svg: () => string; alt: Record<Locale, string> }> = {
  hills: {
    svg: hills,
    alt: {
      vi: "Ảnh minh hoạ của dữ liệu mẫu: đồi núi Điện Biên dưới nắng sớm, một con đường dẫn vào",
      en: "Demo illustration: the hills of Dien Bien under a morning sun, a road leading into them",
    },
  },
  meeting: {
    svg: meeting,
    alt: {
      vi: "Ảnh minh hoạ của dữ liệu mẫu: một nhóm người ngồi quanh bàn trong buổi sinh hoạt nhóm",
      en: "Demo illustration: a group of people sitting around a table at a group meeting",
    },
  },
};

/** The illustrations as PNG files, made before the demo's transaction (drawing takes a moment). */
export async function drawDemoIllustrations(): Promise<Record<DemoIllustration, Buffer>> {
  const { default: sharp } = await import("sharp"); // only when the demo is loaded, not at start
  const entries = await Promise.all(
    (Object.keys(drawings) as DemoIllustration[]).map(async (name) => {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${drawings[name].svg()}${label()}</svg>`;
      return [name, await sharp(Buffer.from(svg)).png().toBuffer()] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<DemoIllustration, Buffer>;
}

/** Stores the drawn illustrations as images, with their alt texts; their ids by name. */
export async function storeDemoIllustrations(
  db: Db,
  files: Record<DemoIllustration, Buffer>,
  now: Date,
): Promise<Record<DemoIllustration, string>> {
  const ids = {} as Record<DemoIllustration, string>;
  for (const name of Object.keys(drawings) as DemoIllustration[]) {
    const { image } = await uploadImage(
      db,
      { bytes: files[name], alt: drawings[name].alt },
      null,
      () => now,
    );
    ids[name] = image.id;
  }
  return ids;
}
