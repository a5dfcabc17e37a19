// Generates the indicators benchmark's large programme (about 100,000 clients and 1,000,000
// contacts at scale 1) and leaves it cached for bench/indicators/run.ts, replacing any data set of
// the same scale and seed. Prints rows/s per table and the total time.
//
//   npx tsx bench/indicators/generate.ts --engine pglite --scale 0.01
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
//     npx tsx bench/indicators/generate.ts --engine postgres --scale 1
import { openDataset, readOptions } from "./datasets.js";

const options = { ...readOptions(), fresh: true };
const dataset = await openDataset(options);
await dataset.database.close();
console.log(`data set ready in ${dataset.location}`);
