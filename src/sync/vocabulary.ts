// The protocol's fixed lists and limits, in one place with no dependencies, so the server's
// schemas (protocol.ts), the database types (db/schema.ts) and the staff app all read the same.
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

/** Most changes one push may carry; a larger batch is answered 413. */
export const MAX_BATCH = 500;
/** Most changes one pull page holds. */
export const MAX_PULL = 1000;
