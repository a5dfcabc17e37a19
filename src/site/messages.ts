// Messages of the public website.
import type { MessageSet } from "../lib/i18n.js";

const vi = {
  "site.not_found.title": "Không tìm thấy trang",
} as const;

const en: Record<keyof typeof vi, string> = {
  "site.not_found.title": "Page not found",
};

export const siteMessages: MessageSet<keyof typeof vi> = { vi, en };
