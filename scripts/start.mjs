// `npm start`: build if the sources changed since the last build (normally done at install), then
// start the server in this same process — one Node start, not two (docs/benchmarks.md, "site").
import { buildIfNeeded } from "./build-if-needed.mjs";

buildIfNeeded();
await import("../dist/main.js");
