// The DHIS2 export as ADX (IHE QRPH Aggregate Data Exchange, namespace urn:ihe:qrph:adx:2015), the
// XML DHIS2 also takes at `POST /api/dataValueSets` (Content-Type application/adx+xml). The same
// values as the JSON (dhis2.ts), written the ADX way: identifiers are codes; a group per org unit,
// period and attribute option combo, its period an ISO 8601 start and duration (2011-07-01/P1M);
// a disaggregation is one attribute per category (its code) holding the option's code, e.g.
// `<dataValue dataElement="REACHED" AGE="A15_19" GENDER="F" value="12"/>`.
import { XMLBuilder } from "fast-xml-parser";
import { ExportError } from "../../exports/renderers.js";
import type { IndicatorSet } from "../engine.js";
import type { Period } from "../periods.js";
import { collectDhis2Values, dhis2PeriodOf, formatDhis2Value, localDay } from "./dhis2.js";
import type { MappableDimension, TDhis2Mapping } from "./dhis2-mapping.js";

export const adxNamespace = "urn:ihe:qrph:adx:2015";

/** A DHIS2 period as an ADX period: its first day and its length (2011Q3 → 2011-07-01/P3M). */
export function adxPeriod(period: Period): string {
  // dhis2PeriodOf refuses what DHIS2 cannot take (a custom range), with the same 400.
  dhis2PeriodOf(period);
  const duration = { month: "P1M", quarter: "P3M", year: "P1Y", custom: null }[period.kind];
  return `${period.from}/${duration}`;
}

// fast-xml-parser's builder escapes & < > " ' in attribute values; attributes carry this prefix.
const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  format: true,
  indentBy: "  ",
  suppressEmptyNode: true,
});

type Attributes = Record<string, string>;
const attributes = (values: Attributes) =>
  Object.fromEntries(Object.entries(values).map(([name, value]) => [`@${name}`, value]));

/** The sets (one per DHIS2 period, from computeDhis2Sets) as an ADX document. */
export function toAdx(
  sets: readonly IndicatorSet[],
  mapping: TDhis2Mapping,
  options: { exportedAt: Date },
): string {
  const groups = new Map<string, { attributes: Attributes; values: Attributes[] }>();
  for (const value of collectDhis2Values(sets, mapping)) {
    const aoc = value.attributeOptionCombo;
    const period = adxPeriod(value.period);
    const key = JSON.stringify([value.orgUnit.code, period, aoc?.uid ?? null]);
    let group = groups.get(key);
    if (!group) {
      group = {
        attributes: {
          orgUnit: value.orgUnit.code,
          period,
          dataSet: mapping.dataSet.code,
          ...(mapping.markComplete ? { completeDate: localDay(options.exportedAt) } : {}),
          ...aoc?.categories,
        },
        values: [],
      };
      groups.set(key, group);
    }
    const disaggregation: Attributes = {};
    value.element.disaggregation.forEach((dimension, i) => {
      // The mapping was checked: every category an exported cell has has an option code.
      const category = mapping.categories[dimension as MappableDimension]!;
      disaggregation[category.code] = category.options[value.categories[i]!]!;
    });
    group.values.push({
      dataElement: value.element.code,
      ...disaggregation,
      value: formatDhis2Value(value.value),
    });
  }
  // ADX needs at least one group of at least one value.
  if (groups.size === 0) {
    throw new ExportError(
      "dhis2_nothing_to_send",
      "every value is zero and the mapping does not send zeros (sendZeros: false): ADX has no empty document",
    );
  }
  const document = {
    "?xml": { "@version": "1.0", "@encoding": "UTF-8" },
    adx: {
      ...attributes({
        xmlns: adxNamespace,
        exported: options.exportedAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
      }),
      group: [...groups.values()].map((group) => ({
        ...attributes(group.attributes),
        dataValue: group.values.map(attributes),
      })),
    },
  };
  return builder.build(document);
}
