// A web address word from a title, as the content API accepts it (^[a-z0-9]+(-[a-z0-9]+)*$):
// Vietnamese letters folded to plain Latin ("Điện Biên" → "dien-bien"), everything else a dash.
// The editor is offered it, never forced to take it.

const slugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Long enough to tell pages apart, short enough to read in a shared link. */
const MAX_LENGTH = 80;

export function suggestSlug(title: string): string {
  const words = title
    .normalize("NFD")
    // Combining marks: the tones and the hats (ă, â, ê, ô, ơ, ư) once decomposed.
    .replace(/[\u0300-\u036f]/g, "")
    // đ is a letter of its own, not d with a mark, so decomposing leaves it.
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = "";
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > MAX_LENGTH) return slug || word.slice(0, MAX_LENGTH);
    slug = next;
  }
  return slug;
}

export function isSlug(value: string): boolean {
  return slugPattern.test(value);
}
