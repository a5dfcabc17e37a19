import { describe, expect, it } from "vitest";
import { emptyFields } from "./api.js";
import { checkFields, differingTexts, missingIn, pathOfParameter } from "./form.js";

const news = () => {
  const fields = emptyFields();
  fields.title = { vi: "Tập huấn ở Tuần Giáo", en: "" };
  fields.slug = { vi: "tap-huan-o-tuan-giao", en: "" };
  fields.body = { vi: "Nội dung", en: "Body" };
  return fields;
};

describe("the edit form's rules", () => {
  it("names the fields written in Vietnamese and missing in English", () => {
    expect(missingIn("news", news(), "en")).toEqual(["title", "slug"]);
    expect(missingIn("news", news(), "vi")).toEqual([]);
  });

  it("looks at a project's sections, not its body", () => {
    const fields = emptyFields();
    fields.sections = { lessons: { vi: "Giám sát ở mọi cấp", en: "" } };
    expect(missingIn("project", fields, "en")).toEqual(["sections.lessons"]);
  });

  it("refuses a slug or website the server would refuse, before sending", () => {
    const fields = news();
    fields.slug.en = "Training Day";
    fields.website = "fhi360.org";
    expect(checkFields(fields)).toEqual({ "slug.en": "slug_format", website: "website_format" });
    expect(checkFields(news())).toEqual({});
  });

  it("puts the server's refusal beside the field it names", () => {
    expect(pathOfParameter("fields.title.vi")).toBe("title.vi");
    expect(pathOfParameter("publish_at")).toBe("publish_at");
  });

  it("keeps the typed texts that differ from someone else's save", () => {
    const theirs = news();
    const mine = news();
    mine.body.vi = "Nội dung đã sửa";
    mine.title.en = "Training in Tuần Giáo";
    expect(differingTexts("news", mine, theirs).map((entry) => entry.path)).toEqual([
      "title.en",
      "body.vi",
    ]);
  });
});
