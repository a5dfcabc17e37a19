// The protocol's fixed lists (src/sync/vocabulary.ts) as choices with words in the user's language.
import { type MessageKey, t } from "../i18n/i18n.js";
import type { Option } from "./fields.js";

export {
  items,
  populationGroups,
  services,
  sexes,
  testResults,
  topics,
  trainingKinds,
} from "../../../src/sync/vocabulary.js";

export type OptionList = "sex" | "population" | "topic" | "service" | "result" | "item" | "kind";

export function label(list: OptionList, value: string): string {
  return t(`${list}.${value}` as MessageKey);
}

export function options(list: OptionList, values: readonly string[]): Option[] {
  return values.map((value) => ({ value, label: label(list, value) }));
}
