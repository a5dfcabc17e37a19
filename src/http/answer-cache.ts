// Public answers (the website's pages, the public API's figures) computed once per change of what
// they show. A caller names the answer by a key that carries the versions of the data it depends on
// (src/db/change-notices.ts), so a new record or a publish gives a new key and the old answer is
// never served again; entries leave the cache only for room (least recently used, bounded in
// bytes). Each answer is kept ready to send: its bytes, compressed once with brotli and gzip, and
// an ETag, so a request costs a lookup, and a browser that has it already gets 304.
//
// Requests for a key being made wait for that one making instead of starting their own, so a
// burst of visitors after a change costs one computation. Answers of one family (the same page,
// whatever the versions) are made one at a time: while data changes faster than a page is made
// (devices pushing without pause), a request that finds its page being made from data older than
// itself waits for that making to end and then shares the next one, which starts after it arrived
// and so reads everything committed before it. A making that reads one snapshot of the database
// (readSnapshot, src/db/reading.ts) says when it takes it, and requests that arrive until then
// share it too: on PGlite a making may wait a while for the connection behind devices' pushes.
// Nothing stale is served, a request waits at most two makings, and the database makes each page
// at most once at a time however fast records come.
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import zlib from "node:zlib";
import type { FastifyReply, FastifyRequest } from "fastify";
import { LRUCache } from "lru-cache";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** What a route makes: the body and how it is served. */
export interface Made {
  body: string | Buffer;
  /** The media type with its charset, e.g. `text/html; charset=utf-8`. */
  type: string;
  /** The Cache-Control the answer goes out with. */
  cacheControl: string;
  /** 200 unless the page says otherwise: 301 with `location` for an address that moved. */
  status?: number;
  location?: string;
  /** False for a body already compressed (a PNG): it is kept and sent as it is. */
  compress?: boolean;
}

export interface ReadyAnswer {
  status: number;
  location: string | undefined;
  type: string;
  cacheControl: string;
  etag: string;
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
  /** Compressed quickly: when it is served after `after` (ms since the epoch), again, best. */
  polish?: { after: number } | undefined;
}

/** Bodies smaller than this go out as they are: compressing them saves less than its headers. */
const COMPRESS_FROM_BYTES = 1_024;

/**
 * How hard an answer is compressed. A page is first compressed quickly (brotli 5, gzip 6: a
 * millisecond or two for a page of figures), so that while records change it many times a second
 * nobody waits for the slowest compression of a page that lives a few milliseconds; a page still
 * served a moment later is compressed again at the highest levels (brotli 11 alone is about 30 ms
 * on the project page), some tenths smaller for every visitor after.
 */
type Effort = "quick" | "best";
const effort = {
  quick: { brotli: 5, gzip: 6 },
  best: { brotli: zlib.constants.BROTLI_MAX_QUALITY, gzip: 9 },
} as const;

/** A quickly compressed answer served this long after it was made is compressed again, best. */
const POLISH_AFTER_MS = 1_000;

async function prepare(made: Made, level: Effort): Promise<ReadyAnswer> {
  const identity = typeof made.body === "string" ? Buffer.from(made.body, "utf8") : made.body;
  const small = identity.length < COMPRESS_FROM_BYTES || made.compress === false;
  const [br, gz] = small ? [identity, identity] : await compress(identity, level);
  // Weak: the three encodings of one answer are the same page (RFC 9110 §8.8.1).
  const etag = `W/"${createHash("sha256").update(identity).digest("base64url").slice(0, 27)}"`;
  return {
    status: made.status ?? 200,
    location: made.location,
    type: made.type,
    cacheControl: made.cacheControl,
    etag,
    identity,
    br: small ? identity : br,
    gzip: small ? identity : gz,
    polish: small || level === "best" ? undefined : { after: Date.now() + POLISH_AFTER_MS },
  };
}

function compress(identity: Buffer, level: Effort): Promise<[Buffer, Buffer]> {
  return Promise.all([
    brotli(identity, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: effort[level].brotli,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
      },
    }),
    gzip(identity, { level: effort[level].gzip }),
  ]);
}

/** The encoding to send, from Accept-Encoding: brotli, else gzip, else none. */
export function chooseEncoding(accept: string | undefined): "br" | "gzip" | "identity" {
  if (!accept) return "identity";
  const offered = new Map<string, number>();
  for (const part of accept.toLowerCase().split(",")) {
    const [name, ...parameters] = part.trim().split(";");
    const q = parameters.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    offered.set(name!.trim(), q === undefined ? 1 : Number(q));
  }
  const weight = (name: string) => offered.get(name) ?? offered.get("*") ?? 0;
  if (weight("br") > 0) return "br";
  if (weight("gzip") > 0) return "gzip";
  return "identity";
}

/** Whether If-None-Match names this ETag (weak comparison, `*` included). */
function notModified(request: FastifyRequest, etag: string): boolean {
  const header = request.headers["if-none-match"];
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === opaque(etag));
}

/** Sends a ready answer: 304 when the browser has it, else the encoding it accepts. */
export function sendReady(request: FastifyRequest, reply: FastifyReply, answer: ReadyAnswer) {
  reply
    .header("cache-control", answer.cacheControl)
    .header("etag", answer.etag)
    .header("vary", "Accept-Encoding");
  if (answer.location !== undefined) reply.header("location", answer.location);
  if (answer.status === 200 && notModified(request, answer.etag)) {
    return reply.status(304).send();
  }
  // Small or already compressed answers keep one body, sent as it is.
  const encoding =
    answer.br === answer.identity ? "identity" : chooseEncoding(request.headers["accept-encoding"]);
  // Set here, so the compression plugin leaves the body as it is.
  if (encoding !== "identity") reply.header("content-encoding", encoding);
  return reply
    .status(answer.status)
    .type(answer.type)
    .send(encoding === "br" ? answer.br : encoding === "gzip" ? answer.gzip : answer.identity);
}

export class AnswerCache {
  readonly #entries: LRUCache<string, ReadyAnswer>;
  readonly #making = new Map<string, Promise<ReadyAnswer>>();
  /**
   * Per family, the making in progress and the moment (on #clock) it began reading — undefined
   * while a making that says when it takes its snapshot (`answer`'s `snapshotTaken`) has not yet:
   * whatever arrives meanwhile is in that snapshot.
   */
  readonly #families = new Map<string, { began: number | undefined; done: Promise<unknown> }>();
  /** Counts arrivals and beginnings, so "began after this request arrived" is exact. */
  #clock = 0;
  /** How many answers were made (not found ready): for tests and the benchmark. */
  made = 0;
  /** How many quickly compressed answers were compressed again, best (#polish). */
  polished = 0;

  constructor(options: { maxBytes?: number } = {}) {
    this.#entries = new LRUCache<string, ReadyAnswer>({
      maxSize: options.maxBytes ?? 64 * 1024 * 1024,
      sizeCalculation: (answer) =>
        answer.identity.length + answer.br.length + answer.gzip.length + 512,
    });
  }

  /**
   * The answer under `key`, made now if it is not ready. A `key` of undefined (the versions cannot
   * be trusted at this moment) makes the answer and keeps nothing. `family` names the answer apart
   * from the versions in its key (the same page at other versions); it defaults to the key.
   */
  async answer(
    key: string | undefined,
    make: (snapshotTaken: () => void) => Promise<Made>,
    family: string | undefined = key,
    options: { marksSnapshot?: boolean } = {},
  ): Promise<ReadyAnswer> {
    if (key === undefined || family === undefined) {
      this.made += 1;
      return prepare(await make(() => {}), "best");
    }
    const arrived = ++this.#clock;
    for (;;) {
      const ready = this.#entries.get(key);
      if (ready) {
        if (ready.polish && ready.polish.after <= Date.now()) this.#polish(key, ready);
        return ready;
      }
      const same = this.#making.get(key);
      if (same) return same; // the same versions: the same data, whenever it began
      const busy = this.#families.get(family);
      if (busy && (busy.began === undefined || busy.began > arrived))
        return busy.done as Promise<ReadyAnswer>;
      if (!busy) return this.#begin(key, family, make, options.marksSnapshot ?? false);
      // Being made from data older than this request: wait for it, then share or begin the next.
      await busy.done.catch(() => undefined);
    }
  }

  #begin(
    key: string,
    family: string,
    make: (snapshotTaken: () => void) => Promise<Made>,
    marksSnapshot: boolean,
  ): Promise<ReadyAnswer> {
    this.made += 1;
    const entry: { began: number | undefined; done: Promise<unknown> } = {
      began: marksSnapshot ? undefined : ++this.#clock,
      done: Promise.resolve(),
    };
    const snapshotTaken = () => {
      if (entry.began === undefined) entry.began = ++this.#clock;
    };
    const making = make(snapshotTaken)
      .then((made) => prepare(made, "quick"))
      .then((answer) => {
        this.#entries.set(key, answer);
        return answer;
      })
      .finally(() => {
        this.#making.delete(key);
        this.#families.delete(family);
      });
    this.#making.set(key, making);
    entry.done = making;
    this.#families.set(family, entry);
    return making;
  }

  /**
   * Compresses a quickly compressed answer again at the highest levels, once, and puts it in its
   * place if it is still there (same bytes, same ETag). Pages that change many times a second are
   * never served after their moment, so only pages that stay are compressed twice.
   */
  #polish(key: string, ready: ReadyAnswer): void {
    ready.polish = undefined;
    compress(ready.identity, "best").then(
      ([br, gz]) => {
        if (this.#entries.peek(key) === ready) {
          this.#entries.set(key, { ...ready, br, gzip: gz });
          this.polished += 1;
        }
      },
      () => undefined, // kept as it was: quickly compressed is still correct
    );
  }

  /** Serves the answer under `key` (see `answer`) to this request. */
  async serve(
    request: FastifyRequest,
    reply: FastifyReply,
    key: string | undefined,
    make: (snapshotTaken: () => void) => Promise<Made>,
    family?: string,
    options: { marksSnapshot?: boolean } = {},
  ) {
    return sendReady(request, reply, await this.answer(key, make, family ?? key, options));
  }
}
