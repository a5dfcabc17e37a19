import { describe, expect, it } from "vitest";
import { applyTool, type Editing, imageMarkdown, insertImage } from "./markdown-tools.js";

const words = {
  heading: "Tiêu đề",
  bold: "chữ đậm",
  italic: "chữ nghiêng",
  item: "mục",
  linkText: "chữ của liên kết",
  column: "Cột",
};

/** Text with the selection marked by [ and ] (a caret by one |), for readable expectations. */
function at(marked: string): Editing {
  const caret = marked.indexOf("|");
  if (caret !== -1) return { text: marked.replace("|", ""), start: caret, end: caret };
  const start = marked.indexOf("[");
  const end = marked.indexOf("]") - 1;
  return { text: marked.replace("[", "").replace("]", ""), start, end };
}

function show(editing: Editing): string {
  const { text, start, end } = editing;
  if (start === end) return `${text.slice(0, start)}|${text.slice(start)}`;
  return `${text.slice(0, start)}[${text.slice(start, end)}]${text.slice(end)}`;
}

describe("the Markdown toolbar", () => {
  it("wraps the selection in bold or italic markers and keeps it selected", () => {
    expect(show(applyTool(at("Có [462 người] được tiếp cận"), "bold", words))).toBe(
      "Có **[462 người]** được tiếp cận",
    );
    expect(show(applyTool(at("Có [462] người"), "italic", words))).toBe("Có *[462]* người");
  });

  it("puts in a selected placeholder when nothing is selected", () => {
    expect(show(applyTool(at("Xem |"), "bold", words))).toBe("Xem **[chữ đậm]**");
  });

  it("makes the line a heading, and plain again on a second press", () => {
    const once = applyTool(at("Mở đầu\nKết [quả]\nCuối"), "heading", words);
    expect(once.text).toBe("Mở đầu\n## Kết quả\nCuối");
    expect(applyTool(once, "heading", words).text).toBe("Mở đầu\nKết quả\nCuối");
  });

  it("turns the selected lines into a bulleted or numbered list", () => {
    expect(applyTool(at("[Thành phố\nHuyện Điện Biên\nTuần Giáo]"), "bullets", words).text).toBe(
      "- Thành phố\n- Huyện Điện Biên\n- Tuần Giáo",
    );
    expect(applyTool(at("[Một\nHai]"), "numbers", words).text).toBe("1. Một\n2. Hai");
    expect(show(applyTool(at("Danh sách:\n|"), "bullets", words))).toBe("Danh sách:\n- [mục]");
  });

  it("makes a link of the selection with the address selected for pasting", () => {
    expect(show(applyTool(at("Đọc [báo cáo] nhé"), "link", words))).toBe(
      "Đọc [báo cáo]([https://]) nhé",
    );
    expect(applyTool(at("|"), "link", words).text).toBe("[chữ của liên kết](https://)");
  });

  it("puts a table in a paragraph of its own, the caret in its first cell", () => {
    expect(show(applyTool(at("Kết quả:|"), "table", words))).toBe(
      "Kết quả:\n\n| Cột 1 | Cột 2 |\n| --- | --- |\n| | |  |",
    );
  });

  it("inserts an image by its media address, as a paragraph, with its alt text escaped", () => {
    expect(imageMarkdown({ id: "0190a1b2", alt: "Buổi [sinh hoạt]\nnhóm" })).toBe(
      "![Buổi \\[sinh hoạt\\] nhóm](/media/0190a1b2)",
    );
    expect(show(insertImage(at("Trước|\nSau"), { id: "abc", alt: "Ảnh" }))).toBe(
      "Trước\n\n![Ảnh](/media/abc)|\n\nSau",
    );
  });
});
