// A revision's changes as a reader follows them: the server's word-by-word parts (the `diff`
// library's shape) cut into pieces to show — kept, added, removed — with long unchanged stretches
// shortened to their edges, so a one-word fix in a long article is found at a glance.

export interface DiffPart {
  value: string;
  added?: boolean;
  removed?: boolean;
}

export interface DiffPiece {
  kind: "same" | "added" | "removed" | "gap";
  text: string;
}

/** Words of unchanged text kept on each side of a change. */
const CONTEXT_WORDS = 12;

function shorten(text: string, first: boolean, last: boolean): DiffPiece[] {
  // Words with the spaces after them, so the pieces join back into the text.
  const words = text.match(/\S+\s*|\s+/g) ?? [];
  const keepStart = first ? 0 : CONTEXT_WORDS;
  const keepEnd = last ? 0 : CONTEXT_WORDS;
  if (words.length <= keepStart + keepEnd + 1) return [{ kind: "same", text }];
  const pieces: DiffPiece[] = [];
  if (keepStart) pieces.push({ kind: "same", text: words.slice(0, keepStart).join("") });
  pieces.push({ kind: "gap", text: "…" });
  if (keepEnd) pieces.push({ kind: "same", text: ` ${words.slice(-keepEnd).join("")}` });
  return pieces;
}

export function diffPieces(parts: readonly DiffPart[]): DiffPiece[] {
  const pieces: DiffPiece[] = [];
  parts.forEach((part, index) => {
    if (part.value === "") return;
    const kind = part.added ? "added" : part.removed ? "removed" : "same";
    if (kind !== "same") {
      const previous = pieces.at(-1);
      if (previous?.kind === kind) previous.text += part.value;
      else pieces.push({ kind, text: part.value });
      return;
    }
    pieces.push(...shorten(part.value, index === 0, index === parts.length - 1));
  });
  return pieces;
}

/** Whether a field changed at all (the server may send fields whose parts are all kept). */
export function hasChanges(parts: readonly DiffPart[]): boolean {
  return parts.some((part) => part.added || part.removed);
}
