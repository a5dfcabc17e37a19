// Rich text of content items: editors write Markdown; on save it is rendered to HTML and that HTML
// is cut down to an allow-list (headings h2–h6, paragraphs, lists, links, emphasis, quotes, tables,
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
  loaded ??= {
    markdown: new (require("markdown-it") as typeof MarkdownIt)({
      html: false,
      linkify: true,
      typographer: false,
    }),
    sanitize: require("sanitize-html") as typeof sanitizeHtml,
  };
  return loaded;
}

/**
 * A body's headings fit under the page's: its shallowest heading, whatever its number of "#", is
 * `top` (h2 under the page's h1; h3 in a section under an h2), and a heading is never more than one
 * level deeper than the one before it, so the outline skips no level ("## A" then "#### B" is h2
 * then h3); h6 is the deepest (HTML has no h7), where deeper headings stay.
 */
function fitHeadings(tokens: ReturnType<Markdown["parse"]>, top: number): void {
  const levelOf = (tag: string) => Number(tag.slice(1));
  const levels = tokens.filter((token) => token.type === "heading_open").map((t) => levelOf(t.tag));
  if (levels.length === 0) return;
  const shallowest = Math.min(...levels);
  let previous = top - 1;
  let open = "";
  for (const token of tokens) {
    if (token.type === "heading_open") {
      const level = Math.min(top + levelOf(token.tag) - shallowest, previous + 1, 6);
      open = `h${level}`;
      previous = level;
      token.tag = open;
    } else if (token.type === "heading_close") {
      token.tag = open;
    }
  }
}

/** Images come only from the site's own media library: `/media/<id>`. */
const mediaPath = /^\/media\/[0-9a-f-]{36}$/;

const allowList: sanitizeHtml.IOptions = {
  allowedTags: [
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
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

/**
 * Markdown as the HTML a page may show: rendered, its headings fitted under the page's (from h2,
 * or from `top`), then sanitised by the allow-list.
 */
export function renderMarkdown(source: string, { top = 2 }: { top?: 2 | 3 } = {}): string {
  if (source.trim() === "") return "";
  const { markdown, sanitize } = libraries();
  const env = {};
  const tokens = markdown.parse(source, env);
  fitHeadings(tokens, top);
  return sanitize(markdown.renderer.render(tokens, markdown.options, env), allowList);
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
