// The Markdown toolbar's edits, as pure functions of the text and its selection: each returns the
// new text and what to select next (the placeholder to type over, or the caret after the insert),
// so a person on a phone without `*` or `#` on the keyboard still writes headings, lists, links,
// tables and images. The words put in as placeholders come from the caller, in the UI's language.

export interface Editing {
  text: string;
  /** The selection, as textarea.selectionStart / selectionEnd. */
  start: number;
  end: number;
}

export type Tool = "heading" | "bold" | "italic" | "bullets" | "numbers" | "link" | "table";

export interface Placeholders {
  heading: string;
  bold: string;
  italic: string;
  item: string;
  linkText: string;
  column: string;
}

/** Puts `before` and `after` around the selection, or around a selected placeholder. */
function wrap(editing: Editing, before: string, after: string, placeholder: string): Editing {
  const { text, start, end } = editing;
  const inner = text.slice(start, end) || placeholder;
  return {
    text: text.slice(0, start) + before + inner + after + text.slice(end),
    start: start + before.length,
    end: start + before.length + inner.length,
  };
}

/** The whole lines the selection touches: where they start and end. */
function lineRange(editing: Editing): { from: number; to: number } {
  const { text, start, end } = editing;
  const from = text.lastIndexOf("\n", start - 1) + 1;
  const next = text.indexOf("\n", end);
  return { from, to: next === -1 ? text.length : next };
}

/**
 * Gives each selected line a marker (`## `, `- `, `1. `), or takes it away when every line has one
 * already, so pressing the button twice undoes it. An empty line gets the placeholder too.
 */
function markLines(
  editing: Editing,
  marker: (index: number) => string,
  present: RegExp,
  placeholder: string,
): Editing {
  const { from, to } = lineRange(editing);
  const lines = editing.text.slice(from, to).split("\n");
  const marked = lines.every((line) => present.test(line));
  const changed = lines.map((line, index) =>
    marked ? line.replace(present, "") : marker(index) + line.replace(present, ""),
  );
  if (!marked && changed.length === 1 && lines[0]?.trim() === "")
    changed[0] = marker(0) + placeholder;
  const block = changed.join("\n");
  const text = editing.text.slice(0, from) + block + editing.text.slice(to);
  if (!marked && lines.length === 1 && lines[0]?.trim() === "") {
    const at = from + marker(0).length;
    return { text, start: at, end: at + placeholder.length };
  }
  return { text, start: from, end: from + block.length };
}

/** Inserts a block (a table, an image) as a paragraph of its own after the selection. */
export function insertBlock(editing: Editing, block: string): Editing {
  const { text, end } = editing;
  const head = text.slice(0, end);
  const tail = text.slice(end);
  const before = head === "" || head.endsWith("\n\n") ? "" : head.endsWith("\n") ? "\n" : "\n\n";
  const after = tail === "" || tail.startsWith("\n\n") ? "" : tail.startsWith("\n") ? "\n" : "\n\n";
  const at = head.length + before.length;
  return { text: head + before + block + after + tail, start: at, end: at + block.length };
}

export function applyTool(editing: Editing, tool: Tool, words: Placeholders): Editing {
  switch (tool) {
    case "bold":
      return wrap(editing, "**", "**", words.bold);
    case "italic":
      return wrap(editing, "*", "*", words.italic);
    case "heading":
      return markLines(editing, () => "## ", /^#{1,6} /, words.heading);
    case "bullets":
      return markLines(editing, () => "- ", /^[-*] /, words.item);
    case "numbers":
      return markLines(editing, (index) => `${index + 1}. `, /^\d+\. /, words.item);
    case "link": {
      // The text is kept (or a placeholder put in); the address is selected, ready to paste.
      const label = editing.text.slice(editing.start, editing.end) || words.linkText;
      const address = "https://";
      const inserted = `[${label}](${address})`;
      const start = editing.start + label.length + 3;
      return {
        text: editing.text.slice(0, editing.start) + inserted + editing.text.slice(editing.end),
        start,
        end: start + address.length,
      };
    }
    case "table": {
      const header = `| ${words.column} 1 | ${words.column} 2 |`;
      const inserted = insertBlock(editing, `${header}\n| --- | --- |\n|  |  |`);
      // The caret in the first empty cell.
      const cell = inserted.start + header.length + "\n| --- | --- |\n| ".length;
      return { ...inserted, start: cell, end: cell };
    }
  }
}

/** `![alt](/media/<id>)`: the content renderer turns it into the image with its sizes. */
export function imageMarkdown(image: { id: string; alt: string }): string {
  const alt = image.alt
    .replace(/\s+/g, " ")
    .trim()
    .replace(/([[\]\\])/g, "\\$1");
  return `![${alt}](/media/${image.id})`;
}

export function insertImage(editing: Editing, image: { id: string; alt: string }): Editing {
  const inserted = insertBlock(editing, imageMarkdown(image));
  return { ...inserted, start: inserted.end };
}
