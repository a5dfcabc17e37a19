import { describe, expect, it } from "vitest";
import { countImagesWithoutAlt, plainText, renderMarkdown } from "./markdown.js";

const mediaId = "0190a3c4-1111-7000-8000-000000000000";

describe("rich text", () => {
  it("keeps headings from h2, lists, links, emphasis, quotes, tables, code and rules", () => {
    const html = renderMarkdown(
      [
        "# Bối cảnh",
        "## Mục tiêu",
        "#### Sâu hơn",
        "- một\n- hai",
        "1. thứ nhất",
        "**đậm** *nghiêng* `mã`",
        "> trích dẫn",
        "| a | b |\n|:--|--:|\n| 1 | 2 |",
        "```\nkhối mã\n```",
        "---",
        "[trang](https://example.org) [thư](mailto:a@example.org) [nội bộ](/vi/trang/gioi-thieu)",
        `![Buổi tập huấn](/media/${mediaId})`,
      ].join("\n\n"),
    );
    for (const tag of [
      "<h2>Bối cảnh</h2>",
      "<h3>Mục tiêu</h3>",
      "<h4>Sâu hơn</h4>",
      "<ul>",
      "<ol>",
      "<strong>đậm</strong>",
      "<em>nghiêng</em>",
      "<code>mã</code>",
      "<blockquote>",
      "<table>",
      "<th>a</th>",
      "<td>2</td>",
      "<pre><code>khối mã",
      "<hr />",
      '<a href="https://example.org" rel="noopener">trang</a>',
      '<a href="mailto:a@example.org" rel="noopener">thư</a>',
      '<a href="/vi/trang/gioi-thieu" rel="noopener">nội bộ</a>',
      `<img src="/media/${mediaId}" alt="Buổi tập huấn" />`,
    ]) {
      expect(html, tag).toContain(tag);
    }
    expect(html).not.toContain("<h1");
    expect(html).not.toContain("style=");
  });

  it("fits headings under the page's, skipping no level, however many # the editor wrote", () => {
    // "##" as the top heading (as editors often write) is h2 all the same, under the page's h1.
    expect(renderMarkdown("## Chúng tôi làm gì\n\ntext\n\n#### Chi tiết\n\n## Khác")).toBe(
      "<h2>Chúng tôi làm gì</h2>\n<p>text</p>\n<h3>Chi tiết</h3>\n<h2>Khác</h2>\n",
    );
    // A section's text, under the section's h2, starts at h3; h4 is the deepest.
    expect(renderMarkdown("# A\n\n## B\n\n### C", { top: 3 })).toBe(
      "<h3>A</h3>\n<h4>B</h4>\n<h4>C</h4>\n",
    );
  });

  it("takes out scripts, event attributes, inline styles, iframes and unsafe addresses", () => {
    const html = renderMarkdown(
      [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<p style="color:red" onclick="alert(1)">đỏ</p>',
        '<iframe src="https://example.org"></iframe>',
        "[bấm](javascript:alert(1))",
        "[bấm](JaVaScRiPt:alert(1))",
        "[dữ liệu](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![ảnh](data:image/png;base64,iVBORw0KGgo=)",
        "![ảnh ngoài](https://example.org/a.png)",
        "[vbs](vbscript:msgbox)",
        "<a href='//evil.example'>x</a>",
      ].join("\n\n"),
    );
    // Written as HTML, they arrive as text a reader sees, never as elements.
    expect(html).not.toMatch(/<script|<iframe|<img src="x"|<p style|<[^>]+\son\w+=/);
    expect(html).not.toMatch(/href="(javascript|data|vbscript):/i);
    expect(html).not.toMatch(/src="(data:|https:)/);
    expect(html).not.toContain('href="//');
    expect(html).toContain("&lt;script&gt;");
  });

  it("makes links of bare addresses", () => {
    expect(renderMarkdown("Xem https://example.org nhé")).toContain(
      '<a href="https://example.org" rel="noopener">https://example.org</a>',
    );
  });

  it("gives the plain text for search and counts images with no description", () => {
    expect(plainText("# Tiêu đề\n\nMột **đoạn** có [liên kết](https://example.org).")).toBe(
      "Tiêu đề\nMột đoạn có liên kết.",
    );
    expect(countImagesWithoutAlt(`![](/media/${mediaId}) ![có mô tả](/media/${mediaId})`)).toBe(1);
    expect(renderMarkdown("   ")).toBe("");
  });
});
