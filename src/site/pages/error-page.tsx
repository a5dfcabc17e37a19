import type { Locale } from "../../lib/i18n.js";
import { translator } from "../../lib/i18n.js";

export interface ErrorPageProps {
  locale: Locale;
  status: number;
  path: string;
  publicUrl: string;
}

export function renderErrorPage(props: ErrorPageProps): string {
  return `<!doctype html><html lang="${props.locale}"><title>${translator(props.locale).t("site.not_found.title")}</title></html>`;
}
