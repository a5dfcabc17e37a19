import { describe, expect, it } from "vitest";
import { recordTypes } from "../../../src/auth/policy.js";
import { recordSchemas } from "../../../src/sync/protocol.js";
import { recordConfigs } from "../../../src/sync/records.js";
import { sentFields, staffColumns } from "./fields.js";

describe("the fields the app sends, against the server's", () => {
  it.each(recordTypes)("%s: exactly the protocol's fields", (type) => {
    expect([...sentFields[type]].sort()).toEqual(Object.keys(recordSchemas[type].shape).sort());
  });

  it.each(recordTypes)("%s: the server's staff column for the person recording", (type) => {
    expect(staffColumns[type]).toBe(recordConfigs[type].staffColumn);
  });
});
