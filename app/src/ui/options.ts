// The protocol's fixed lists (src/sync/protocol.ts) as choices with words in the user's language.
import { type MessageKey, t } from "../i18n/i18n.js";
import type { Option } from "./fields.js";

export const sexes = ["female", "male", "other"] as const;
export const populationGroups = [
  "partner_pwud",
  "pwud",
  "pwid",
  "sex_worker",
  "msm",
  "transgender",
  "other",
] as const;
export const topics = [
  "hiv_prevention",
  "condom_use",
  "hiv_testing",
  "sti",
  "srh",
  "mmt",
  "harm_reduction",
  "other",
] as const;
export const services = ["hiv_test", "sti", "mmt", "art", "prep", "srh"] as const;
export const testResults = ["negative", "positive", "indeterminate"] as const;
export const items = ["condom", "lubricant", "needle_syringe", "test_kit", "leaflet"] as const;
export const trainingKinds = ["initial", "refresher", "coaching"] as const;

export type OptionList = "sex" | "population" | "topic" | "service" | "result" | "item" | "kind";

export function label(list: OptionList, value: string): string {
  return t(`${list}.${value}` as MessageKey);
}

export function options(list: OptionList, values: readonly string[]): Option[] {
  return values.map((value) => ({ value, label: label(list, value) }));
}
