// Writes a brotli (.br) and a gzip (.gz) copy beside each of the staff app's built text files, at
// the highest settings, once per build: @fastify/static sends the copy a browser accepts
// (`preCompressed`), so the app's 250 KB of JavaScript travel as about 70 KB and no request spends
// CPU compressing them (src/staff-app/routes.ts).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const app = path.resolve(import.meta.dirname, "../dist/app");
const compressible = /\.(js|css|html|webmanifest|json|svg|txt|map)$/;

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full) : [full];
  });
}

for (const file of files(app)) {
  if (!compressible.test(file)) continue;
  const bytes = readFileSync(file);
  if (bytes.length < 1024) continue;
  writeFileSync(
    `${file}.br`,
    zlib.brotliCompressSync(bytes, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
  );
  writeFileSync(`${file}.gz`, zlib.gzipSync(bytes, { level: 9 }));
}
