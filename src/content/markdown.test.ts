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
    // A section's text, under the section's h2, starts at h3.
    expect(renderMarkdown("# A\n\n## B\n\n### C", { top: 3 })).toBe(
      "<h3>A</h3>\n<h4>B</h4>\n<h5>C</h5>\n",
    );
  });

  it("shifts an editor's h1 under the page's own h1, one level down all through, to h6 at most", () => {
    const headings = (html: string) =>
      [...html.matchAll(/<(h\d)>([^<]*)<\/h\d>/g)].map((m) => `${m[1]} ${m[2]}`);
    // "#" (h1) is h2, "##" h3 … as deep as HTML goes; a deeper heading stays at h6.
    expect(
      headings(renderMarkdown("# 1\n\n## 2\n\n### 3\n\n#### 4\n\n##### 5\n\n###### 6\n\n# 1b")),
    ).toEqual(["h2 1", "h3 2", "h4 3", "h5 4", "h6 5", "h6 6", "h2 1b"]);
    expect(
      headings(renderMarkdown("# 1\n\n## 2\n\n### 3\n\n#### 4\n\n##### 5", { top: 3 })),
    ).toEqual(["h3 1", "h4 2", "h5 3", "h6 4", "h6 5"]);
    // Never a skipped level, whatever the order: every heading at most one below the one before.
    const html = renderMarkdown("# A\n\n### B\n\n###### C\n\n## D\n\n##### E");
    expect(headings(html)).toEqual(["h2 A", "h3 B", "h4 C", "h3 D", "h4 E"]);
    expect(html).not.toContain("<h1");
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
