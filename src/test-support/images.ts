// Images for tests of uploads (src/media/): photos carrying the EXIF a phone writes (camera, GPS
// position, orientation), PNGs and WebPs, a PNG whose header claims more pixels than it holds, and
// the multipart/form-data body a browser sends them in.
import { randomBytes } from "node:crypto";
import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";

/** Text the test photo's EXIF carries, to look for in the bytes of what the server made of it. */
export const exifMarkers = { camera: "PeerlinkTestCamera", datum: "WGS-84" } as const;

export interface PhotoOptions {
  width: number;
  height: number;
  /** EXIF orientation (1 upright, 6 turned a quarter clockwise …). */
  orientation?: number;
  /** A photo's detail (for benchmarks) instead of one colour (fast). */
  detail?: boolean;
}

/** A JPEG as a phone writes it: a camera name, a GPS position (Điện Biên Phủ) and an orientation. */
export async function photoWithGps(options: PhotoOptions): Promise<Buffer> {
  const { width, height } = options;
  // Detail as a photo has it: random colours a quarter the size, smoothed up (random pixels at full
  // size would make a file larger than any camera's).
  const detailed = async () => {
    const [w, h] = [Math.ceil(width / 4), Math.ceil(height / 4)];
    const small = sharp(randomBytes(w * h * 3), { raw: { width: w, height: h, channels: 3 } });
    const pixels = await small.resize(width, height, { kernel: "cubic" }).raw().toBuffer();
    return sharp(pixels, { raw: { width, height, channels: 3 } });
  };
  const base = options.detail
    ? await detailed()
    : sharp({ create: { width, height, channels: 3, background: "#c86432" } });
  return base
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: exifMarkers.camera, Model: exifMarkers.camera },
      IFD3: {
        GPSLatitudeRef: "N",
        GPSLatitude: "21/1 23/1 1200/100",
        GPSLongitudeRef: "E",
        GPSLongitude: "103/1 1/1 1800/100",
        GPSMapDatum: exifMarkers.datum,
      },
    })
    .withMetadata({ orientation: options.orientation ?? 1 })
    .toBuffer();
}

/** A PNG with a transparent half. */
export function transparentPng(width: number, height: number): Promise<Buffer> {
  return sharp({
    create: { width, height, channels: 4, background: { r: 0, g: 90, b: 160, alpha: 0.5 } },
  })
    .png()
    .toBuffer();
}

export function webp(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: "#2a7d4f" } })
    .webp()
    .toBuffer();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A PNG of a few hundred bytes whose header says it is `width` × `height`: what a decompression
 * bomb looks like to a server that reads the header before decoding.
 */
export function pngClaiming(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per sample
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", deflateSync(Buffer.alloc(16))),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

export type FormPart =
  | { name: string; value: string }
  | { name: string; file: Buffer; fileName: string; type: string };

/** A multipart/form-data body and its content type, as a browser sends a form with a file. */
export function multipartForm(parts: readonly FormPart[]): {
  payload: Buffer;
  contentType: string;
} {
  const boundary = `----peerlink-test-${randomBytes(8).toString("hex")}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition =
      "file" in part
        ? `form-data; name="${part.name}"; filename="${part.fileName}"\r\nContent-Type: ${part.type}`
        : `form-data; name="${part.name}"`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n\r\n`));
    chunks.push("file" in part ? part.file : Buffer.from(part.value, "utf8"));
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}
