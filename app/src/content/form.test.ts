import { describe, expect, it } from "vitest";
import { emptyFields } from "./api.js";
import {
  changedTexts,
  checkFields,
  missingIn,
  pathOfParameter,
  reapplyChanges,
  reasonOfRefusal,
} from "./form.js";

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
    fields.slug = { vi: "dien-bien", en: "" };
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
    // Only the reason: the field is named in words beside it, not by its parameter.
    expect(
      reasonOfRefusal(
        "Tham số “fields.title.vi” không hợp lệ: cần điền trước khi đăng",
        "fields.title.vi",
      ),
    ).toBe("Cần điền trước khi đăng");
    expect(
      reasonOfRefusal("The parameter “publish_at” is not valid: in the past", "publish_at"),
    ).toBe("In the past");
    expect(reasonOfRefusal("Something else went wrong", "publish_at")).toBe(
      "Something else went wrong",
    );
  });

  it("on a conflict, lays only what was typed over someone else's save", () => {
    const base = news();
    const typed = news();
    typed.body.vi = "Nội dung đã sửa";
    const theirs = news();
    theirs.title.en = "Training in Tuần Giáo";
    theirs.body.en = "Their body";
    expect(changedTexts("news", base, typed).map((entry) => entry.path)).toEqual(["body.vi"]);
    const merged = reapplyChanges(base, typed, theirs);
    expect(merged.body).toEqual({ vi: "Nội dung đã sửa", en: "Their body" });
    expect(merged.title).toEqual({ vi: "Tập huấn ở Tuần Giáo", en: "Training in Tuần Giáo" });
  });
});
