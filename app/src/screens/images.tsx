// The public website's images ("Ảnh / Images"), for editors and administrators: upload one, see
// them newest first with their alt texts in both languages, and correct an alt text. Online only:
// images go straight to the server, never through the outbox.
import { useEffect, useState } from "preact/hooks";
import { can } from "../../../src/auth/policy.js";
import { t, tn } from "../i18n/i18n.js";
import {
  ImageUpload,
  type ImageView,
  MAX_ALT_LENGTH,
  mediaFailure,
  useMediaClient,
} from "../media/image-upload.js";
import { useSignedIn } from "../ui/context.js";
import { TextField } from "../ui/fields.js";
import { useOnline } from "../ui/hooks.js";
import { Notice, Screen } from "../ui/layout.js";

const perPage = 24;

function AltEditor(props: { image: ImageView; onSaved: (image: ImageView) => void }) {
  const client = useMediaClient();
  const [vi, setVi] = useState(props.image.alt.vi);
  const [en, setEn] = useState(props.image.alt.en);
  const [error, setError] = useState<string | undefined>(undefined);
  const [saving, setSaving] = useState(false);

  async function save(event: Event) {
    event.preventDefault();
    setSaving(true);
    try {
      props.onSaved(await client.update(props.image.id, { vi: vi.trim(), en: en.trim() }));
      setError(undefined);
    } catch (failure) {
      setError(mediaFailure(failure));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form class="image-alt" onSubmit={save}>
      <TextField
        label={t("media.alt_vi")}
        value={vi}
        onInput={setVi}
        maxLength={MAX_ALT_LENGTH}
        required
      />
      <TextField
        label={t("media.alt_en")}
        value={en}
        onInput={setEn}
        maxLength={MAX_ALT_LENGTH}
        required
      />
      {error ? (
        <Notice kind="error">
          <p>{error}</p>
        </Notice>
      ) : null}
      <button type="submit" class="button" disabled={saving}>
        {t("media.save_alt")}
      </button>
    </form>
  );
}

function ImageItem(props: { image: ImageView; onSaved: (image: ImageView) => void }) {
  const [editing, setEditing] = useState(false);
  const { image } = props;
  return (
    <li class="image-item">
      <img
        class="image-item__preview"
        src={image.url}
        alt={image.alt.vi}
        width={image.width}
        height={image.height}
        loading="lazy"
      />
      <div class="image-item__text">
        <p lang="vi">{image.alt.vi}</p>
        <p lang="en" class="muted">
          {image.alt.en}
        </p>
        <p class="muted">{t("media.size", { width: image.width, height: image.height })}</p>
        <button
          type="button"
          class="button"
          aria-expanded={editing}
          onClick={() => setEditing(!editing)}
        >
          {editing ? t("media.close_alt") : t("media.edit_alt")}
        </button>
        {editing ? (
          <AltEditor
            image={image}
            onSaved={(saved) => {
              props.onSaved(saved);
              setEditing(false);
            }}
          />
        ) : null}
      </div>
    </li>
  );
}

export function ImagesScreen() {
  const { user } = useSignedIn();
  const online = useOnline();
  const client = useMediaClient();
  const [page, setPage] = useState(1);
  const [state, setState] = useState<{ images?: ImageView[]; total?: number; error?: string }>({});
  const [reload, setReload] = useState(0);
  const allowed = can(user, "content.manage");

  useEffect(() => {
    if (!online || !allowed) return;
    let current = true;
    client.list(page).then(
      (answer) => current && setState(answer),
      (error) => current && setState({ error: mediaFailure(error) }),
    );
    return () => {
      current = false;
    };
  }, [online, page, reload]);

  const replace = (saved: ImageView) =>
    setState((before) => ({
      ...before,
      images: before.images?.map((image) => (image.id === saved.id ? saved : image)),
    }));
  const pages = Math.max(1, Math.ceil((state.total ?? 0) / perPage));

  return (
    <Screen title={t("media.title")}>
      {!allowed ? (
        <Notice kind="warning">
          <p>{t("media.editors_only")}</p>
        </Notice>
      ) : !online ? (
        <Notice kind="warning">
          <p>{t("media.offline")}</p>
        </Notice>
      ) : (
        <>
          <ImageUpload
            onUploaded={() => {
              setPage(1);
              setReload(reload + 1);
            }}
          />
          {state.error ? (
            <Notice kind="error">
              <p>{state.error}</p>
            </Notice>
          ) : null}
          {state.images === undefined && !state.error ? (
            <p class="muted">{t("media.loading")}</p>
          ) : null}
          {state.images ? (
            <>
              <h2>{tn("media.count", state.total ?? 0)}</h2>
              <ul class="image-list">
                {state.images.map((image) => (
                  <ImageItem key={image.id} image={image} onSaved={replace} />
                ))}
              </ul>
              {pages > 1 ? (
                <nav class="actions" aria-label={t("media.pages")}>
                  <button
                    type="button"
                    class="button"
                    disabled={page <= 1}
                    onClick={() => setPage(page - 1)}
                  >
                    {t("media.previous")}
                  </button>
                  <span>{t("media.page_of", { page, pages })}</span>
                  <button
                    type="button"
                    class="button"
                    disabled={page >= pages}
                    onClick={() => setPage(page + 1)}
                  >
                    {t("media.next")}
                  </button>
                </nav>
              ) : null}
            </>
          ) : null}
        </>
      )}
    </Screen>
  );
}
