import { describe, expect, it } from "vitest";
import { highlightSnippet, snippetLength } from "./snippet.js";

describe("snippets", () => {
  it("marks the matching words in the original text, diacritics kept", () => {
    expect(highlightSnippet("Dự án tại tỉnh Điện Biên năm 2011.", ["dien", "bien"])).toBe(
      "Dự án tại tỉnh <mark>Điện</mark> <mark>Biên</mark> năm 2011.",
    );
  });

  it("marks words that start with the last word of the query", () => {
    expect(highlightSnippet("Biên giới và Điện Biên", ["dien", "bi"])).toBe(
      "<mark>Biên</mark> giới và <mark>Điện</mark> <mark>Biên</mark>",
    );
  });

  it("marks text written with combining marks whole", () => {
    const text = "tỉnh Đie\u0323\u0302n Biên";
    expect(highlightSnippet(text, ["dien"])).toBe("tỉnh <mark>Đie\u0323\u0302n</mark> Biên");
  });

  it("escapes everything else: a document's text never becomes markup", () => {
    const html = highlightSnippet(`<script>alert("Điện")</script> & 'Biên'`, ["dien"]);
    expect(html).toBe(
      "&lt;script&gt;alert(&quot;<mark>Điện</mark>&quot;)&lt;/script&gt; &amp; &#39;Biên&#39;",
    );
    expect(html).not.toContain("<script");
  });

  it("keeps to about 200 characters around the first match, cut at words", () => {
    const before = "lời mở đầu ".repeat(40);
    const after = " phần còn lại".repeat(40);
    const html = highlightSnippet(`${before}Điện Biên${after}`, ["dien", "bien"]);
    expect(html.startsWith("…")).toBe(true);
    expect(html.endsWith("…")).toBe(true);
    expect(html).toContain("<mark>Điện</mark> <mark>Biên</mark>");
    const text = html.replace(/<\/?mark>/g, "");
    expect(text.length).toBeLessThanOrEqual(snippetLength + 2);
    expect(text.slice(1, -1)).toMatch(/^\S.*\S$/);
    expect(text.indexOf("Điện")).toBeLessThan(80);
  });

  it("begins at the start when only the title matched", () => {
    const html = highlightSnippet("Một đoạn văn dài. ".repeat(30), ["khong"]);
    expect(html.startsWith("Một đoạn")).toBe(true);
    expect(html.endsWith("…")).toBe(true);
    expect(html).not.toContain("<mark>");
  });
});
