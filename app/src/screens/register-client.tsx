// Registering a client: the UIC is built from parts the client can repeat (mother's and father's
// given names, sex, birth year); the names build the code and are not kept. Before saving, a
// warning names clients whose code is the same or one character off, with the same birth year and
// sex. Name and phone are optional, and marked so.
import { useMemo, useState } from "preact/hooks";
import { buildUic, findNearDuplicates, isValidUic, type Sex } from "../../../src/people/uic.js";
import { t } from "../i18n/i18n.js";
import { today } from "../lib/dates.js";
import { newId } from "../lib/ids.js";
import { ClientLinks } from "../ui/client-links.js";
import { CommuneField } from "../ui/commune.js";
import { useServices, useSignedIn } from "../ui/context.js";
import { Chips, SelectField, TextField } from "../ui/fields.js";
import { useLive } from "../ui/hooks.js";
import { Notice, Screen } from "../ui/layout.js";
import { NoSiteNotice } from "../ui/no-site-notice.js";
import { options, populationGroups, sexes } from "../ui/options.js";
import { navigate } from "../ui/router.js";
import { useSave } from "../ui/save.js";
import { SaveForm } from "../ui/save-form.js";

export function RegisterClientScreen() {
  const { db } = useServices();
  const { site } = useSignedIn();
  const { busy, save } = useSave();
  const [mother, setMother] = useState("");
  const [father, setFather] = useState("");
  const [sex, setSex] = useState<Sex | "">("");
  const [birthYear, setBirthYear] = useState("");
  const [group, setGroup] = useState("");
  const [commune, setCommune] = useState("");
  const [name, setName] = useState("");
  const [phone, setPhone] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [confirmed, setConfirmed] = useState(false);

  const year = Number(birthYear);
  const thisYear = Number(today().slice(0, 4));
  const yearValid = /^\d{4}$/.test(birthYear) && year >= 1900 && year <= thisYear;
  const uic =
    mother && father && sex && yearValid
      ? buildUic({ motherGivenName: mother, fatherGivenName: father, sex, birthYear: year })
      : "";
  const clients = useLive(() => db.records("client").toArray());
  const similar = useMemo(
    () =>
      uic && sex
        ? findNearDuplicates(
            { uic, sex, birth_year: year },
            (clients ?? []).filter((c) => !c.voided_at),
          )
        : { exact: [], near: [] },
    [uic, sex, year, clients],
  );
  const hasSimilar = similar.exact.length + similar.near.length > 0;

  const submit = async () => {
    const found: Record<string, string> = {};
    if (!mother.trim()) found.mother = t("form.required");
    if (!father.trim()) found.father = t("form.required");
    if (!sex) found.sex = t("form.required");
    if (!yearValid) found.birthYear = t("client.birth_year_invalid", { max: thisYear });
    if (!group) found.group = t("form.required");
    if (phone && !/^[0-9 +().-]{0,20}$/.test(phone)) found.phone = t("client.phone_invalid");
    if (uic && !isValidUic(uic)) found.mother = t("client.uic_invalid");
    setErrors(found);
    if (Object.keys(found).length > 0 || !site || !sex) return;
    if (hasSimilar && !confirmed) return;
    const id = newId();
    await save(
      [
        {
          type: "client",
          op: "create",
          record: {
            id,
            site_id: site.id,
            uic,
            sex,
            birth_year: year,
            population_group: group,
            home_commune_id: commune || null,
            registered_on: today(),
            ...(name.trim() ? { name: name.trim() } : {}),
            ...(phone.trim() ? { phone: phone.trim() } : {}),
          },
        },
      ],
      () => navigate("/client", { id }),
    );
  };

  return (
    <Screen title={t("client.register_title")}>
      <NoSiteNotice />
      <SaveForm
        onSubmit={submit}
        busy={busy}
        label={t("client.save")}
        disabled={hasSimilar && !confirmed}
      >
        <fieldset class="uic-builder">
          <legend>{t("client.uic_parts")}</legend>
          <TextField
            label={t("client.mother_name")}
            hint={t("client.mother_hint")}
            value={mother}
            onInput={setMother}
            error={errors.mother}
          />
          <TextField
            label={t("client.father_name")}
            value={father}
            onInput={setFather}
            error={errors.father}
          />
          <Chips
            label={t("client.sex")}
            options={options("sex", sexes)}
            value={sex ? [sex] : []}
            onChange={(v) => setSex((v[0] ?? "") as Sex | "")}
            error={errors.sex}
          />
          <TextField
            label={t("client.birth_year")}
            inputMode="numeric"
            maxLength={4}
            value={birthYear}
            onInput={setBirthYear}
            error={errors.birthYear}
          />
          <p class="uic-preview" aria-live="polite">
            {t("client.uic")}: <strong class="uic">{uic || "———————"}</strong>
          </p>
        </fieldset>
        {hasSimilar ? (
          <Notice kind="warning">
            <p>
              <strong>
                {similar.exact.length ? t("client.same_uic") : t("client.similar_uic")}
              </strong>
            </p>
            <ClientLinks clients={[...similar.exact, ...similar.near]} />
            <label class="check">
              <input
                type="checkbox"
                checked={confirmed}
                onChange={(e) => setConfirmed(e.currentTarget.checked)}
              />
              {t("client.not_the_same")}
            </label>
          </Notice>
        ) : null}
        <SelectField
          label={t("client.population_group")}
          value={group}
          placeholder={t("form.choose")}
          options={options("population", populationGroups)}
          onChange={setGroup}
          error={errors.group}
        />
        <CommuneField label={t("client.home_commune")} value={commune} onChange={setCommune} />
        <fieldset class="optional-details">
          <legend>{t("client.optional_details")}</legend>
          <p class="muted">{t("client.optional_why")}</p>
          <TextField label={t("client.name")} optional value={name} onInput={setName} />
          <TextField
            label={t("client.phone")}
            optional
            type="tel"
            inputMode="tel"
            value={phone}
            onInput={setPhone}
            error={errors.phone}
          />
        </fieldset>
      </SaveForm>
    </Screen>
  );
}
