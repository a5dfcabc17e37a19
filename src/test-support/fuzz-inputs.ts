// Inputs for fuzzing routes, generated from the JSON Schema of their zod schemas (z.toJSONSchema):
// values the schema accepts, values at and past its edges, values that mean something in the test's
// data (a real project's slug, a real client's id), and hostile ones — NUL and other control
// characters, lone surrogates, long strings, odd Unicode, wrong types, huge numbers, odd dates —
// at any depth. And the bytes a request carries them in: a path or query with raw %-escapes (broken
// UTF-8 included), a body that is not JSON or not UTF-8.
import fc from "fast-check";
import { z } from "zod";

/** The part of JSON Schema that zod writes for our schemas. */
export interface JsonSchema {
  type?: string | string[];
  enum?: readonly unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: JsonSchema;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: readonly JsonSchema[];
  oneOf?: readonly JsonSchema[];
}

/** Values that mean something in the test's data, by the name of the field that takes them. */
export type KnownValues = Readonly<Record<string, readonly unknown[]>>;

/** A zod schema as JSON Schema, as a client would read what a route accepts. */
export function jsonSchemaOf(schema: unknown): JsonSchema | undefined {
  if (!(schema instanceof z.ZodType)) return undefined;
  return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
}

const hostileStrings = [
  "",
  " ",
  "\u0000",
  "dien\u0000bien",
  "\u0007\u001b[31m",
  "\u007f",
  "\u0085",
  "\ud800",
  "a\udc00b",
  "\ufeff",
  "\u202eevil",
  "\u2028",
  "e\u0301\u0301\u0301",
  "😀",
  "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
  "Đường Điện Biên Phủ",
  "'; drop table users; --",
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "%00",
  "%FF",
  "null",
  "NaN",
  "-1",
  "1e309",
  "9".repeat(400),
  "a".repeat(10_001),
  "Ư".repeat(3_000),
];

const oddDates = [
  "0000-01-01",
  "0001-01-01",
  "9999-12-31",
  "2011-02-29",
  "2012-02-29",
  "2011-13-01",
  "2011-00-10",
  "2011-7-1",
  "+275760-09-13",
  "-000001-01-01",
  "2011-07-01T00:00:00Z",
  "1899-12-31",
  "2101-01-01",
  "0000-01..0001-01",
  "2011-10-31..2011-07-01",
  "1900-01-01..2100-12-31",
];

const wrongTypes: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  2 ** 53 + 1,
  1e308,
  -1e308,
  [],
  ["a"],
  {},
  { a: { b: [1] } },
];

/** A string of any UTF-16 units: control characters and lone surrogates included. */
const anyUnits = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
  maxLength: 30,
});

/** Nested arrays as a field's value (bodies nested far deeper are sent as text: bodyFor). */
const deepNesting = fc
  .integer({ min: 50, max: 500 })
  .map((depth) => JSON.parse(`${"[".repeat(depth)}${"]".repeat(depth)}`) as unknown);

/** A body nested 50,000 deep: a parser or a walk that recurses would overflow its stack. */
const deepBody = `${'{"a":'.repeat(50_000)}1${"}".repeat(50_000)}`;

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...hostileStrings) },
  { weight: 3, arbitrary: fc.constantFrom(...oddDates) },
  { weight: 2, arbitrary: fc.constantFrom(...wrongTypes) },
  { weight: 2, arbitrary: anyUnits },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true })) },
  { weight: 1, arbitrary: deepNesting },
);

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** A string the schema accepts (or very nearly: at its length limits and one past them). */
function stringFor(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === "date") {
    return fc
      .date({ min: new Date("1990-01-01"), max: new Date("2035-12-31"), noInvalidDate: true })
      .map(isoDay);
  }
  if (schema.format === "uuid") return fc.uuid({ version: 7 });
  if (schema.pattern) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern));
    } catch {
      // A pattern fast-check cannot generate from: plain strings within the lengths.
    }
  }
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 60, 200);
  const edges =
    schema.maxLength !== undefined
      ? [fc.constant("x".repeat(schema.maxLength)), fc.constant("x".repeat(schema.maxLength + 1))]
      : [];
  return fc.oneof(
    { weight: 6, arbitrary: fc.string({ minLength, maxLength }) },
    ...edges.map((arbitrary) => ({ weight: 1, arbitrary })),
  );
}

function numberFor(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? schema.exclusiveMinimum ?? -1_000_000;
  const max = schema.maximum ?? schema.exclusiveMaximum ?? 1_000_000;
  const inside = integer
    ? fc.integer({ min: Math.ceil(Math.max(min, -1e9)), max: Math.floor(Math.min(max, 1e9)) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  return fc.oneof(
    { weight: 6, arbitrary: inside },
    { weight: 1, arbitrary: fc.constantFrom(min, max, min - 1, max + 1) },
  );
}

/**
 * How an input is made. A friendly one holds only values its schema describes or that mean
 * something in the test's data, so that it reaches the handler; a hostile one may hold a hostile
 * value in any field, at any depth, and properties the schema does not know.
 */
export interface FuzzContext {
  known: KnownValues;
  hostile: boolean;
}

/** A value of the schema's shape, its fields made as the context says. */
function valueFor(schema: JsonSchema, name: string, context: FuzzContext): fc.Arbitrary<unknown> {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => valueFor(s, name, context)));
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      return stringFor(schema);
    case "integer":
      return numberFor(schema, true);
    case "number":
      return numberFor(schema, false);
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array":
      return fc.array(fieldFor(schema.items ?? {}, name, context), {
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    case "object":
      return objectFor(schema, context);
    default:
      return context.hostile ? hostileValue : fc.string({ maxLength: 20 });
  }
}

/** A field's value: what its schema describes or a known value; in a hostile input, often worse. */
export function fieldFor(
  schema: JsonSchema,
  name: string,
  context: FuzzContext,
): fc.Arbitrary<unknown> {
  const choices = context.known[name];
  return fc.oneof(
    { weight: choices?.length ? 2 : 5, arbitrary: valueFor(schema, name, context) },
    ...(choices?.length ? [{ weight: 5, arbitrary: fc.constantFrom(...choices) }] : []),
    ...(context.hostile ? [{ weight: 4, arbitrary: hostileValue }] : []),
  );
}

/**
 * An object of the schema's properties: the required ones nearly always, the others half the
 * time; a hostile one sometimes has a property the schema does not know, with a hostile name.
 */
export function objectFor(
  schema: JsonSchema,
  context: FuzzContext,
): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const fields = properties.map(([name, property]) => {
    const present = fieldFor(property, name, context).map((v) => [name, v] as const);
    const absent = fc.constant(undefined);
    if (!required.has(name)) return fc.oneof(present, absent);
    return context.hostile
      ? fc.oneof({ weight: 12, arbitrary: present }, { weight: 1, arbitrary: absent })
      : present;
  });
  const stranger = context.hostile
    ? fc.oneof(
        { weight: 4, arbitrary: fc.constant(undefined) },
        {
          weight: 1,
          arbitrary: fc.tuple(
            fc.constantFrom("extra", "__proto__", "constructor", "a\u0000b", "\ud800"),
            hostileValue,
          ),
        },
      )
    : fc.constant(undefined);
  return fc.tuple(fc.tuple(...fields), stranger).map(([entries, extra]) => {
    const object: Record<string, unknown> = {};
    for (const entry of [...entries, extra]) {
      if (entry)
        Object.defineProperty(object, entry[0], {
          value: entry[1],
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
    return object;
  });
}

/**
 * A value written into a URL: each UTF-16 unit as UTF-8 %-escapes, lone surrogates as the bytes a
 * careless encoder makes of them (%ED%A0%80: not UTF-8), so the server meets them as sent.
 */
export function urlEncode(value: unknown): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? "");
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      out +=
        `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    } else {
      out += encodeURIComponent(text[i]!);
    }
  }
  return out;
}

/** %-escapes that no decoder should accept quietly, written raw into a path or a query. */
export const rawEscapes = fc.constantFrom(
  "%00",
  "%FF",
  "%ED%A0%80",
  "%C0%80",
  "%",
  "%zz",
  "%E0%A4%A",
);

/**
 * A request body: JSON of the schema's shape; a hostile one may also be any JSON, bad JSON, a body
 * nested far too deep, or bytes that are not UTF-8.
 */
export function bodyFor(
  schema: JsonSchema | undefined,
  context: FuzzContext,
): fc.Arbitrary<string | Buffer> {
  const shaped = (schema ? valueFor(schema, "body", context) : fc.constant({})).map(
    (value) => JSON.stringify(value) ?? "null",
  );
  if (!context.hostile) return shaped;
  return fc.oneof(
    { weight: 8, arbitrary: shaped },
    { weight: 1, arbitrary: hostileValue.map((value) => JSON.stringify(value) ?? "null") },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "",
        "{",
        '{"a":}',
        "[1,]",
        "\u0000",
        '{"__proto__":{"x":1}}',
        deepBody,
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .uint8Array({ minLength: 1, maxLength: 40 })
        .map((bytes) =>
          Buffer.concat([Buffer.from('{"x":"'), Buffer.from(bytes), Buffer.from('"}')]),
        ),
    },
  );
}
