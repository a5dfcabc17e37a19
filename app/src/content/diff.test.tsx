import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { t } from "../i18n/i18n.js";
import { diffPieces, hasChanges } from "./diff.js";
import { DiffText } from "./diff-view.js";

const long = (n: number, word = "chữ") =>
  Array.from({ length: n }, (_, i) => `${word}${i}`).join(" ");

describe("a revision's changes", () => {
  it("keeps additions and removals as pieces, joining neighbours of one kind", () => {
    expect(
      diffPieces([
        { value: "Đã tiếp cận " },
        { value: "400", removed: true },
        { value: "462", added: true },
        { value: " người", added: true },
        { value: " khách hàng" },
      ]),
    ).toEqual([
      { kind: "same", text: "Đã tiếp cận " },
      { kind: "removed", text: "400" },
      { kind: "added", text: "462 người" },
      { kind: "same", text: " khách hàng" },
    ]);
  });

  it("shortens a long unchanged stretch to the words beside the changes", () => {
    const pieces = diffPieces([
      { value: `${long(40)} ` },
      { value: "mới", added: true },
      { value: ` ${long(40, "từ")} ` },
      { value: "cũ", removed: true },
    ]);
    expect(pieces.map((p) => p.kind)).toEqual([
      "gap",
      "same",
      "added",
      "same",
      "gap",
      "same",
      "removed",
    ]);
    expect(pieces[1]?.text.trim().split(/\s+/)).toHaveLength(12);
    expect(pieces[1]?.text.trim().endsWith("chữ39")).toBe(true);
    expect(pieces[3]?.text.trim().startsWith("từ0")).toBe(true);
  });

  it("tells whether anything changed", () => {
    expect(hasChanges([{ value: "giống nhau" }])).toBe(false);
    expect(hasChanges([{ value: "a" }, { value: "b", added: true }])).toBe(true);
  });

  it("marks changes with <ins> and <del> and words, not colour alone", () => {
    const html = renderToString(
      <DiffText
        parts={[{ value: "Có " }, { value: "400", removed: true }, { value: "462", added: true }]}
      />,
    );
    expect(html).toContain(
      `<del class="diff__removed"><span class="sr">[${t("content.diff.removed")}: </span>400`,
    );
    expect(html).toContain(
      `<ins class="diff__added"><span class="sr">[${t("content.diff.added")}: </span>462`,
    );
  });
});
