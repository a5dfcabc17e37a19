// Changes the server did not take, each said in words: which record (a client's code, a
// participant's name), what happened (the server's reason, or that it changed elsewhere), what to
// do — and the way to do it: the form that fixes it (screens/problem-fix.tsx), sending it again,
// keeping one's own copy or the server's, or discarding it. Changes refused only because the
// record they point at was refused are shown with that record and settled with it.
import type { Problem, RecordType } from "../db/database.js";
import { formatMoment, type MessageKey, t, tn } from "../i18n/i18n.js";
import {
  discardProblem,
  groupProblems,
  type ProblemGroup,
  resendProblem,
  takeServerCopy,
} from "../sync/problems.js";
import { useServices, useSignedIn } from "../ui/context.js";
import { useLive } from "../ui/hooks.js";
import { Notice, Screen } from "../ui/layout.js";
import { describeRecord } from "../ui/record-words.js";
import { href } from "../ui/router.js";
import { editable, fixable, helpFor, reasonFor, show } from "./problem-fix.js";

const typeLabel = (type: RecordType) => t(`type.${type}` as MessageKey);
const fieldLabel = (name: string) => t(`field.${name}` as MessageKey);

function ConflictTable({ problem }: { problem: Problem }) {
  const differing = editable[problem.type].filter(
    (f) => show(problem.record[f]) !== show(problem.server_record?.[f]),
  );
  if (!differing.length) return null;
  return (
    <table class="table">
      <thead>
        <tr>
          <th scope="col">{t("problems.field")}</th>
          <th scope="col">{t("problems.mine")}</th>
          <th scope="col">{t("problems.server")}</th>
        </tr>
      </thead>
      <tbody>
        {differing.map((f) => (
          <tr key={f}>
            <th scope="row">{fieldLabel(f)}</th>
            <td>{show(problem.record[f])}</td>
            <td>{show(problem.server_record?.[f])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface Described {
  group: ProblemGroup;
  /** The record in words, and each dependant's type and words. */
  words: string;
  dependants: { id: string; type: RecordType; words: string }[];
}

function ProblemCard(props: Described) {
  const { db, engine } = useServices();
  const { user } = useSignedIn();
  const { problem, dependants } = props.group;
  const after = () => {
    if (navigator.onLine) engine.sync().catch((e) => console.error("sync failed", e));
  };
  const conflict = problem.kind === "conflict";
  // A conflict over a record the person may no longer see comes without the server's copy: there
  // is nothing to keep one's own against, so it can only be let go.
  const hidden = conflict && !problem.server_record;
  return (
    <li class="card problem">
      <h2>
        {typeLabel(problem.type)} · {t(`op.${problem.op}` as MessageKey)}
      </h2>
      <p class="problem__what">{props.words}</p>
      <p class="muted">{t("problems.recorded", { time: formatMoment(problem.recorded_at) })}</p>
      <Notice kind={conflict ? "warning" : "error"}>
        <p>
          {hidden
            ? t("problems.conflict_hidden")
            : conflict
              ? t("problems.conflict")
              : reasonFor(problem)}
        </p>
      </Notice>
      {hidden ? null : conflict ? <ConflictTable problem={problem} /> : <p>{helpFor(problem)}</p>}
      {dependants.length ? (
        <>
          <p>{tn("problems.dependants", dependants.length)}</p>
          <ul class="problem__dependants">
            {props.dependants.map((d) => (
              <li key={d.id}>
                {typeLabel(d.type)}: {d.words}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div class="actions">
        {conflict && !hidden ? (
          <>
            <button
              type="button"
              class="button button--primary"
              onClick={() => resendProblem(db, user, problem, {}).then(after)}
            >
              {t("problems.keep_mine")}
            </button>
            <button type="button" class="button" onClick={() => takeServerCopy(db, problem)}>
              {t("problems.take_server")}
            </button>
          </>
        ) : (
          <>
            {!conflict && fixable(problem) ? (
              <a class="button button--primary" href={href("/problems/fix", { id: problem.id })}>
                {t(`problems.fix_${fixable(problem)}` as MessageKey)}
              </a>
            ) : null}
            {problem.code === "missing_reference" ? (
              <button
                type="button"
                class="button"
                onClick={() => resendProblem(db, user, problem, {}).then(after)}
              >
                {t("problems.send_as_is")}
              </button>
            ) : null}
            <button type="button" class="button" onClick={() => discardProblem(db, problem)}>
              {dependants.length
                ? tn("problems.discard_with", dependants.length)
                : t("problems.discard")}
            </button>
          </>
        )}
      </div>
    </li>
  );
}

export function ProblemsScreen() {
  const { db } = useServices();
  const { user, reference } = useSignedIn();
  const groups = useLive(async () => {
    const words = (p: Problem) => describeRecord(db, reference, p.type, p.record);
    const described: Described[] = [];
    for (const group of await groupProblems(db, user.id))
      described.push({
        group,
        words: await words(group.problem),
        dependants: await Promise.all(
          group.dependants.map(async (d) => ({ id: d.id, type: d.type, words: await words(d) })),
        ),
      });
    return described;
  }, [user.id, reference]);
  return (
    <Screen title={t("problems.title")}>
      {groups?.length === 0 ? <p class="muted">{t("problems.none")}</p> : null}
      <ul class="cards">
        {(groups ?? []).map((described) => (
          <ProblemCard key={described.group.problem.id} {...described} />
        ))}
      </ul>
    </Screen>
  );
}
