// A field's changes, readable without colour: additions in <ins>, deletions in <del>, each
// announced in words to a screen reader and underlined or struck through on screen.
import { t } from "../i18n/i18n.js";
import { type DiffPart, diffPieces } from "./diff.js";

export function DiffText(props: { parts: readonly DiffPart[] }) {
  return (
    <p class="diff">
      {diffPieces(props.parts).map((piece, index) => {
        const key = `${index}-${piece.kind}`;
        switch (piece.kind) {
          case "added":
            return (
              <ins key={key} class="diff__added">
                <span class="sr">[{t("content.diff.added")}: </span>
                {piece.text}
                <span class="sr">]</span>
              </ins>
            );
          case "removed":
            return (
              <del key={key} class="diff__removed">
                <span class="sr">[{t("content.diff.removed")}: </span>
                {piece.text}
                <span class="sr">]</span>
              </del>
            );
          case "gap":
            return (
              <span key={key} class="diff__gap" title={t("content.diff.gap")}>
                {piece.text}
                <span class="sr"> ({t("content.diff.gap")}) </span>
              </span>
            );
          default:
            return <span key={key}>{piece.text}</span>;
        }
      })}
    </p>
  );
}
