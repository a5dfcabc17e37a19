// Uploading one image of the public website, reusable wherever an image is chosen (the Images
// screen, the content editor): a file, its alt text in Vietnamese and in English (both required,
// as the server requires them), the progress of the upload, and any refusal in the user's
// language. Not a <form>, so it can sit inside another form; every control is a native one,
// reached and used from the keyboard.
import { useId, useMemo, useState } from "preact/hooks";
import { getMeta } from "../db/meta.js";
import { getLocale, t } from "../i18n/i18n.js";
import { ApiError, NetworkError, ServerError } from "../sync/api.js";
import { useServices } from "../ui/context.js";
import { TextField } from "../ui/fields.js";
import { Notice } from "../ui/layout.js";
import {
  createMediaClient,
  type ImageView,
  MAX_IMAGE_BYTES,
  type MediaClient,
} from "./media-api.js";
import "./media.css";

export type { ImageView } from "./media-api.js";

/** The longest alt text the server takes. */
export const MAX_ALT_LENGTH = 300;

/** The server's images, with the session's CSRF token and the app's language. */
export function useMediaClient(): MediaClient {
  const { db } = useServices();
  return useMemo(
    () =>
      createMediaClient({
        baseUrl: "",
        fetch: (input, init) => fetch(input, init),
        csrfToken: async () => (await getMeta(db, "session"))?.csrf_token,
        locale: getLocale,
      }),
    [db],
  );
}

/** Words for a failure: the server's own message, a fault of the server, or no network. */
export function mediaFailure(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof ServerError) return t("media.server_error", { status: error.status });
  if (error instanceof NetworkError) return t("media.no_network");
  return String(error);
}

export interface ImageUploadProps {
  /** Called with the stored image once the server has it (also when it had the same file already). */
  onUploaded: (image: ImageView) => void;
  /** Alt texts to start from, e.g. the title of the item the image illustrates. */
  initialAlt?: { vi: string; en: string };
  /** The button's words; "Upload image" by default. */
  submitLabel?: string;
}

type Phase =
  | { kind: "idle" }
  | { kind: "sending"; fraction: number }
  | { kind: "processing" }
  | { kind: "failed"; message: string; parameter?: string };

export function ImageUpload(props: ImageUploadProps) {
  const client = useMediaClient();
  const fileId = useId();
  const [file, setFile] = useState<File | undefined>(undefined);
  const [altVi, setAltVi] = useState(props.initialAlt?.vi ?? "");
  const [altEn, setAltEn] = useState(props.initialAlt?.en ?? "");
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [missing, setMissing] = useState<Set<"file" | "alt_vi" | "alt_en">>(new Set());
  const busy = phase.kind === "sending" || phase.kind === "processing";

  const fieldError = (name: "file" | "alt_vi" | "alt_en", required: string) => {
    if (missing.has(name)) return required;
    return phase.kind === "failed" && phase.parameter === name ? phase.message : undefined;
  };

  async function send() {
    const absent = new Set<"file" | "alt_vi" | "alt_en">();
    if (!file) absent.add("file");
    if (!altVi.trim()) absent.add("alt_vi");
    if (!altEn.trim()) absent.add("alt_en");
    setMissing(absent);
    if (absent.size > 0 || !file) {
      setPhase({ kind: "idle" });
      return;
    }
    if (file.size > MAX_IMAGE_BYTES) {
      setPhase({ kind: "failed", message: t("media.too_large"), parameter: "file" });
      return;
    }
    setPhase({ kind: "sending", fraction: 0 });
    try {
      const image = await client.upload(file, { vi: altVi.trim(), en: altEn.trim() }, (fraction) =>
        // Once every byte is sent the server still has to make the variants.
        setPhase(fraction < 1 ? { kind: "sending", fraction } : { kind: "processing" }),
      );
      setPhase({ kind: "idle" });
      setFile(undefined);
      setAltVi("");
      setAltEn("");
      props.onUploaded(image);
    } catch (error) {
      const parameter = error instanceof ApiError ? error.parameter : undefined;
      setPhase({ kind: "failed", message: mediaFailure(error), parameter });
    }
  }

  const fileError = fieldError("file", t("media.file_required"));
  const failedElsewhere =
    phase.kind === "failed" && !["file", "alt_vi", "alt_en"].includes(phase.parameter ?? "");
  return (
    <fieldset class="image-upload" disabled={busy}>
      <legend>{t("media.upload_legend")}</legend>
      <div class={`field${fileError ? " field--error" : ""}`}>
        <label class="field__label" for={fileId}>
          {t("media.file")}
        </label>
        <input
          id={fileId}
          class="input image-upload__file"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          required
          aria-invalid={fileError ? true : undefined}
          aria-describedby={`${fileId}-hint`}
          onChange={(event) => {
            setFile(event.currentTarget.files?.[0]);
            setPhase({ kind: "idle" });
          }}
        />
        <p class="field__hint" id={`${fileId}-hint`}>
          {fileError ?? t("media.file_hint")}
        </p>
      </div>
      <TextField
        label={t("media.alt_vi")}
        hint={t("media.alt_hint")}
        value={altVi}
        onInput={setAltVi}
        maxLength={MAX_ALT_LENGTH}
        required
        error={fieldError("alt_vi", t("media.alt_vi_required"))}
      />
      <TextField
        label={t("media.alt_en")}
        hint={t("media.alt_hint")}
        value={altEn}
        onInput={setAltEn}
        maxLength={MAX_ALT_LENGTH}
        required
        error={fieldError("alt_en", t("media.alt_en_required"))}
      />
      <div class="image-upload__status" role="status" aria-live="polite">
        {phase.kind === "sending" ? (
          <>
            <progress max={100} value={Math.round(phase.fraction * 100)} />
            <span>{t("media.sending", { percent: Math.round(phase.fraction * 100) })}</span>
          </>
        ) : phase.kind === "processing" ? (
          <span>{t("media.processing")}</span>
        ) : null}
      </div>
      {failedElsewhere ? (
        <Notice kind="error">
          <p>{phase.message}</p>
        </Notice>
      ) : null}
      <button type="button" class="button button--primary" onClick={send}>
        {props.submitLabel ?? t("media.upload")}
      </button>
    </fieldset>
  );
}
