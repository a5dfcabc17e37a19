// One figure as the dashboard pages write it: a number (a percentage for ratios), a link to the
// records behind it when the reader may open them, or a dash when it cannot be computed.
import type { Translator } from "../../messages.js";
import type { Unit } from "../definitions.js";
import { formatFigure } from "./dashboard-links.js";

export function FigureValue({
  t,
  unit,
  value,
  href,
}: {
  t: Translator;
  unit: Unit;
  value: number | null;
  /**
   * The records behind the figure; none for ratios, area figures and readers without access. A
   * zero has no records, so it is never a link.
   */
  href?: string | undefined;
}) {
  if (value === null) {
    return (
      <span>
        <span aria-hidden="true">—</span>
        <span class="sr">{t.t("figure.not_available")}</span>
      </span>
    );
  }
  const text = formatFigure(t, unit, value);
  return href && value !== 0 ? <a href={href}>{text}</a> : <span>{text}</span>;
}
