// What the page shows before the app does: index.html's loading note, or — on the first load over
// the network — first.html's sign-in form (scripts/first-load-page.mjs), usable while the app's
// script is still arriving on a slow network. The app renders beside it and it stays until the
// app's first screen is ready: the sign-in screen takes what was typed there, which field had the
// focus and whether sign-in was already pressed, in the same moment it takes the page's place
// (screens/login.tsx). Nothing typed can fall between the two forms, and the form a person sees is
// never empty.

export interface Typed {
  username: string;
  password: string;
  /** The `autocomplete` of the field that had the focus. */
  focused: string | null;
  /** Sign in was pressed there (app/first-load.js, written into first.html): the app signs in when it starts. */
  pressed: boolean;
}

let before: ChildNode[] = [];

const field = (scope: ParentNode, autocomplete: string) =>
  scope.querySelector<HTMLInputElement>(`input[autocomplete="${autocomplete}"]`);

/** Keeps what the page shows now, and gives the element the app renders into, beside it. */
export function mountBesidePage(root: HTMLElement): HTMLElement {
  before = [...root.childNodes];
  const mount = document.createElement("div");
  root.append(mount);
  return mount;
}

/** Removes what the page showed before the app, once its first screen is there. */
export function dropPageBefore(): void {
  for (const node of before) node.remove();
  before = [];
}

/** What was typed in the page's own form, if it is still there; the form goes with the answer. */
export function takeTypedBeforeStart(): Typed | undefined {
  const form = before.find(
    (node): node is Element => node instanceof Element && node.matches("[data-first-load]"),
  );
  const active = document.activeElement;
  const typed = form
    ? {
        username: field(form, "username")?.value ?? "",
        password: field(form, "current-password")?.value ?? "",
        focused: active && form.contains(active) ? active.getAttribute("autocomplete") : null,
        pressed: form.querySelector("form")?.hasAttribute("data-pressed") ?? false,
      }
    : undefined;
  dropPageBefore();
  return typed;
}

/** Gives the focus back to the field that had it in the page's own form. */
export function refocus(root: ParentNode, taken: Typed | undefined): void {
  if (taken?.focused) field(root, taken.focused)?.focus();
}
