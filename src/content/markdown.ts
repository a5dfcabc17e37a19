// Rich text of content items: editors write Markdown; on save it is rendered to HTML and that HTML
// is cut down to an allow-list (headings h2–h4, paragraphs, lists, links, emphasis, quotes, tables,
// code, rules, and images of our own media only), so what is stored can be put in a page as it is.
// Two independent guards: markdown-it with `html: false` never passes HTML through, and
// sanitize-html drops whatever the allow-list does not name — a script, an event attribute, an
// inline style, an iframe, a `javascript:` or `data:` address — even if the first guard had a hole.
//
// Both libraries load when text is first saved, not at start (a public page shows the HTML stored
// at save): they are ~19 MB of a server's memory that most processes never use (docs/benchmarks.md).
import { createRequire } from "node:module";
import type MarkdownIt from "markdown-it";
import type sanitizeHtml from "sanitize-html";

const require = createRequire(import.meta.url);
type Markdown = InstanceType<typeof MarkdownIt>;

let loaded: { markdown: Markdown; sanitize: typeof sanitizeHtml } | undefined;

function libraries(): { markdown: Markdown; sanitize: typeof sanitizeHtml } {
  if (loaded) return loaded;
  const MarkdownItClass = require("markdown-it") as typeof MarkdownIt;
  const markdown = new MarkdownItClass({ html: false, linkify: true, typographer: false });
  // The page's title is its h1: a body's headings start at h2 ("#" is h2, "###" and deeper h4).
  markdown.renderer.rules.heading_open = (tokens, index, options, _env, self) => {
    const token = tokens[index]!;
    const level = Number(token.tag.slice(1));
    token.tag = `h${Math.min(level + 1, 4)}`;
    return self.renderToken(tokens, index, options);
  };
  markdown.renderer.rules.heading_close = (tokens, index, options, _env, self) => {
    const token = tokens[index]!;
    token.tag = `h${Math.min(Number(token.tag.slice(1)) + 1, 4)}`;
    return self.renderToken(tokens, index, options);
  };
  loaded = { markdown, sanitize: require("sanitize-html") as typeof sanitizeHtml };
  return loaded;
}

/** Images come only from the site's own media library: `/media/<id>`. */
const mediaPath = /^\/media\/[0-9a-f-]{36}$/;

const allowList: sanitizeHtml.IOptions = {
  allowedTags: [
    "h2",
    "h3",
    "h4",
    "p",
    "br",
    "ul",
    "ol",
    "li",
    "a",
    "strong",
    "em",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "img",
    "code",
    "pre",
    "hr",
  ],
  allowedAttributes: {
    a: ["href", "rel"],
    img: ["src", "alt"],
    ol: ["start"],
  },
  // Links to the web, to an e-mail address, or within the site (relative); nothing else.
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  allowedStyles: {},
  disallowedTagsMode: "discard",
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: "noopener" } }),
  },
  exclusiveFilter: (frame) => frame.tag === "img" && !mediaPath.test(frame.attribs.src ?? ""),
};

/** Markdown as the HTML a page may show: rendered, then sanitised by the allow-list. */
export function renderMarkdown(source: string): string {
  if (source.trim() === "") return "";
  const { markdown, sanitize } = libraries();
  return sanitize(markdown.render(source), allowList);
}

/** The plain text of Markdown, paragraph by paragraph (for search and descriptions). */
export function plainText(source: string): string {
  const blocks: string[] = [];
  for (const token of libraries().markdown.parse(source, {})) {
    if (token.type !== "inline") continue;
    const text = (token.children ?? [])
      .map((child) =>
        child.type === "text" || child.type === "code_inline"
          ? child.content
          : child.type === "softbreak" || child.type === "hardbreak"
            ? " "
            : "",
      )
      .join("")
      .trim();
    if (text) blocks.push(text);
  }
  return blocks.join("\n");
}

/** Images in Markdown written without a text for those who cannot see them. */
export function countImagesWithoutAlt(source: string): number {
  let missing = 0;
  const visit = (tokens: ReturnType<Markdown["parse"]>) => {
    for (const token of tokens) {
      if (token.type === "image" && token.content.trim() === "") missing += 1;
      if (token.children) visit(token.children);
    }
  };
  visit(libraries().markdown.parse(source, {}));
  return missing;
}
