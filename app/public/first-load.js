// The sign-in form in first.html (scripts/first-load-page.mjs) while the app's own script is still
// arriving on a slow network. This small file arrives long before it and lets the button take a
// press: the press is kept on the form (data-pressed), the button says it is signing in, and the
// app signs in with what was typed as soon as it starts (app/src/ui/first-load.ts,
// app/src/screens/login.tsx). Plain script with no imports, in the syntax every phone runs.
(() => {
  const form = document.querySelector("[data-first-load] form");
  if (!form) return;
  const button = form.querySelector("button");
  const fields = Array.from(form.querySelectorAll("input"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const empty = fields.find((field) => !field.value);
    for (const field of fields) field.setAttribute("aria-invalid", String(field === empty));
    if (empty) {
      empty.focus();
      return;
    }
    form.setAttribute("data-pressed", "");
    button.setAttribute("aria-disabled", "true");
    button.textContent = button.getAttribute("data-busy");
  });
  button.type = "submit";
  button.disabled = false;
})();
