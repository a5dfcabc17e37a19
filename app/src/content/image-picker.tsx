// Images for the content: a new one uploaded through the media library's component
// (app/src/media/image-upload.tsx), or one already in the library, newest first. The picker is a
// panel under the button that opened it; choosing, or closing it, gives the focus back. The cover
// image (a partner's logo) shows the chosen picture with its alt text.
import { useEffect, useRef, useState } from "preact/hooks";
import { getLocale, t } from "../i18n/i18n.js";
import {
  ImageUpload,
  type ImageView,
  mediaFailure,
  useMediaClient,
} from "../media/image-upload.js";
import { Notice } from "../ui/layout.js";

/** Images on a page of GET /api/media (src/media/routes.ts). */
const LIBRARY_PAGE_SIZE = 24;

export function ImagePicker(props: {
  title: string;
  onChosen: (image: ImageView) => void;
  onClose: () => void;
}) {
  const media = useMediaClient();
  const [images, setImages] = useState<ImageView[]>();
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [error, setError] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);
  const locale = getLocale();

  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    media.list(page).then(
      (found) => {
        setImages((shown) => [...(page > 1 ? (shown ?? []) : []), ...found.images]);
        setTotal(found.total);
      },
      (caught) => setError(mediaFailure(caught)),
    );
  }, [page]);

  return (
    <section
      class="card image-picker"
      aria-label={props.title}
      // Enter in an alt text would submit the edit form around the picker (a save, not an upload).
      onKeyDown={(event) => {
        if (event.key === "Enter" && event.target instanceof HTMLInputElement)
          event.preventDefault();
      }}
    >
      {/* h2, as the edit screen's sections are: the outline skips no level under its h1. */}
      <h2 ref={heading} tabIndex={-1}>
        {props.title}
      </h2>
      <ImageUpload onUploaded={props.onChosen} submitLabel={t("content.image_upload")} />
      <h3>{t("content.image_library")}</h3>
      {error ? (
        <Notice kind="error">
          <p>{error}</p>
        </Notice>
      ) : null}
      {images === undefined && !error ? <p class="muted">{t("content.loading")}</p> : null}
      {images?.length === 0 ? <p class="muted">{t("content.image_library_empty")}</p> : null}
      {images?.length ? (
        <ul class="image-picker__list">
          {images.map((image) => (
            <li key={image.id}>
              <button
                type="button"
                class="image-picker__choice"
                onClick={() => props.onChosen(image)}
              >
                <img src={image.url} alt="" width={image.width} height={image.height} />
                <span>{image.alt[locale] || image.alt.vi}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {images && images.length < total && page * LIBRARY_PAGE_SIZE < total ? (
        <button type="button" class="button" onClick={() => setPage(page + 1)}>
          {t("content.image_more")}
        </button>
      ) : null}
      <div class="actions image-picker__close">
        <button type="button" class="button" onClick={props.onClose}>
          {t("content.image_close")}
        </button>
      </div>
    </section>
  );
}

/** The cover image (or logo): the picture and its alt text, to change or remove. */
export function CoverImage(props: {
  id: string;
  label: string;
  imageId: string | null;
  error?: string | undefined;
  onChange: (imageId: string | null) => void;
}) {
  const media = useMediaClient();
  const [image, setImage] = useState<ImageView>();
  const [picking, setPicking] = useState(false);
  const [error, setError] = useState<string>();
  const opener = useRef<HTMLButtonElement>(null);
  const locale = getLocale();

  useEffect(() => {
    setError(undefined);
    if (!props.imageId) return setImage(undefined);
    if (image?.id === props.imageId) return;
    media.get(props.imageId).then(setImage, (caught) => setError(mediaFailure(caught)));
  }, [props.imageId]);

  const describedBy = props.error ? `${props.id}-error` : undefined;
  return (
    <fieldset class={`field cover${props.error ? " field--error" : ""}`}>
      <legend class="field__label">{props.label}</legend>
      {props.imageId && image ? (
        <figure class="cover__figure">
          <img
            src={image.url}
            alt={image.alt[locale] || image.alt.vi}
            width={image.width}
            height={image.height}
          />
          <figcaption class="muted">{image.alt[locale] || image.alt.vi}</figcaption>
        </figure>
      ) : (
        <p class="muted">{t("content.image_none")}</p>
      )}
      {error ? <p class="field__hint">{error}</p> : null}
      <div class="actions">
        <button
          ref={opener}
          id={props.id}
          type="button"
          class="button"
          aria-expanded={picking}
          aria-describedby={describedBy}
          onClick={() => setPicking(!picking)}
        >
          {props.imageId ? t("content.image_change") : t("content.image_choose")}
        </button>
        {props.imageId ? (
          <button type="button" class="button" onClick={() => props.onChange(null)}>
            {t("content.image_remove")}
          </button>
        ) : null}
      </div>
      {picking ? (
        <ImagePicker
          title={props.label}
          onChosen={(chosen) => {
            setImage(chosen);
            setPicking(false);
            props.onChange(chosen.id);
            opener.current?.focus();
          }}
          onClose={() => {
            setPicking(false);
            opener.current?.focus();
          }}
        />
      ) : null}
      {props.error ? (
        <p class="field__hint" id={describedBy}>
          {props.error}
        </p>
      ) : null}
    </fieldset>
  );
}
