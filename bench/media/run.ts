// Benchmark (not a test): how long an image upload takes to process — a 12-megapixel photo (4000 ×
// 3000, a phone's) with GPS EXIF, sniffed, turned upright and re-encoded into 4 widths of WebP and
// JPEG (src/media/process.ts) — and, end to end, the upload over HTTP (app.inject) into a fresh
// PGlite database; how long the event loop is held meanwhile (sharp works in libvips's threads, so
// it should stay in milliseconds); the variants' total size; and the process's memory.
// Figures go to docs/benchmarks.md with the machine and the date.
//
//   npx tsx bench/media/run.ts [--runs 5]
import { loadavg } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import sharp from "sharp";
import { processImage } from "../../src/media/process.js";
import { buildTestApp } from "../../src/test-support/app.js";
import { openTestDatabase } from "../../src/test-support/database.js";
import { multipartForm, photoWithGps } from "../../src/test-support/images.js";
import { createAccount, signIn } from "../../src/test-support/sessions.js";
import { recordBenchmark } from "../report.js";

const args = process.argv.slice(2);
const runsIndex = args.indexOf("--runs");
const runs = runsIndex >= 0 ? Number(args[runsIndex + 1]) : 5;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const seconds = (ms: number) => Math.round(ms) / 1000;

/** Times `work` on each photo, with the longest event-loop delay seen and the largest RSS. */
async function measure(photos: Buffer[], work: (photo: Buffer) => Promise<number>) {
  const times: number[] = [];
  let outputBytes = 0;
  let largestRss = 0;
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  for (const photo of photos) {
    const started = performance.now();
    outputBytes = await work(photo);
    times.push(performance.now() - started);
    largestRss = Math.max(largestRss, process.memoryUsage().rss);
  }
  delay.disable();
  return { times, outputBytes, largestRss, maxDelayMs: delay.max / 1e6 };
}

const photos: Buffer[] = [];
for (let i = 0; i < runs; i++)
  photos.push(await photoWithGps({ width: 4000, height: 3000, detail: true }));
const inputBytes = median(photos.map((photo) => photo.byteLength));
const megapixels = ((await sharp(photos[0]).metadata()).width! * 3000) / 1e6;

const loadAtStart = loadavg()[0]!.toFixed(1);
const processing = await measure(photos, async (photo) => {
  const result = await processImage(photo);
  return result.variants.reduce((sum, v) => sum + v.bytes.byteLength, 0);
});

const database = await openTestDatabase();
const app = await buildTestApp(database);
const editor = await createAccount(database.db, { role: "editor" });
const session = await signIn(app, editor.username, editor.password);
const upload = await measure(photos, async (photo) => {
  const { payload, contentType } = multipartForm([
    { name: "alt_vi", value: "Ảnh thử" },
    { name: "alt_en", value: "A test photo" },
    { name: "file", file: photo, fileName: "photo.jpg", type: "image/jpeg" },
  ]);
  const response = await app.inject({
    method: "POST",
    url: "/api/media",
    headers: { ...session.unsafeHeaders, "content-type": contentType },
    payload,
  });
  if (response.statusCode !== 201)
    throw new Error(`upload failed: ${response.statusCode} ${response.body}`);
  return payload.byteLength;
});
await app.close();
await database.close();
const loadAtEnd = loadavg()[0]!.toFixed(1);

recordBenchmark(
  "media",
  `A ${megapixels} MP JPEG photo (4000 × 3000, quality 90, GPS EXIF; median ${mib(inputBytes)} MiB) processed ${runs} times, each a different photo: sniffed, turned upright, re-encoded as WebP and progressive JPEG (quality 78) at 320, 640, 1024 and 1600 px, with no metadata (\`npx tsx bench/media/run.ts\`). "Upload" is POST /api/media end to end (multipart parsing, processing, storing the 8 variants in a fresh in-memory PGlite). The longest event-loop delay shows processing runs in libvips's threads, not on the event loop. Aim: under 3 s a photo on 2 cores, the event loop held under 100 ms. Load average ${loadAtStart} when the timing began, ${loadAtEnd} when it ended (the machine is shared).`,
  [
    "what",
    "runs",
    "median (s)",
    "slowest (s)",
    "longest event-loop delay (ms)",
    "variants, all 8 (MiB)",
    "largest RSS (MiB)",
  ],
  [
    [
      "processing (src/media/process.ts)",
      runs,
      seconds(median(processing.times)),
      seconds(Math.max(...processing.times)),
      Math.round(processing.maxDelayMs),
      mib(processing.outputBytes),
      mib(processing.largestRss),
    ],
    [
      "upload over HTTP into PGlite",
      runs,
      seconds(median(upload.times)),
      seconds(Math.max(...upload.times)),
      Math.round(upload.maxDelayMs),
      mib(processing.outputBytes),
      mib(upload.largestRss),
    ],
  ],
);
console.log("media benchmark written to docs/benchmarks.md");
