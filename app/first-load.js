// The script written into first.html (scripts/first-load-page.mjs), the page of the staff app's
// first load over the network, whose sign-in form is usable while the app's own script is still
// arriving on a slow network. Plain script with no imports, in the syntax every phone runs; the
// Content-Security-Policy allows it by its hash (src/staff-app/first-load.ts).
//
// 1. The form's button takes a press from the first paint: the press is kept on the form
//    (data-pressed), the button says it is signing in, and the app signs in with what was typed as
//    soon as it starts (app/src/ui/first-load.ts, app/src/screens/login.tsx).
// 2. The app's script is fetched from the start (the page's modulepreload link) and run once the
//    page has been drawn. On a slow network it arrives long after that, so this costs nothing; on
//    a fast one the form is on screen a frame before the app takes its place. A module run before
//    the first paint would hold that paint back behind it, and Lighthouse counts it as needed for it.
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

(() => {
  const app = document.querySelector("link[rel=modulepreload][data-app]");
  if (!app) return;
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    import(app.href).catch((error) => {
      // The network went away while the app's script was on its way: say so where the page says
      // it is loading, in both languages, as that note does. What was typed stays in the form.
      console.error("the app's script did not load", error);
      const note = document.querySelector(".app-loading");
      if (note)
        note.textContent =
          "Không tải được ứng dụng: hãy kiểm tra mạng rồi tải lại trang. / " +
          "The app did not load: check the network, then reload the page.";
    });
  };
  // Once the page's first contentful paint has reached the screen (the browser's own record of
  // it); at once if the page is not shown (nothing is painted then), and in a second at the latest.
  if (document.visibilityState === "hidden") start();
  else if (
    typeof PerformanceObserver === "function" &&
    (PerformanceObserver.supportedEntryTypes || []).includes("paint")
  )
    new PerformanceObserver((list, observer) => {
      if (!list.getEntriesByName("first-contentful-paint").length) return;
      observer.disconnect();
      start();
    }).observe({ type: "paint", buffered: true });
  else requestAnimationFrame(() => setTimeout(start, 0));
  document.addEventListener("visibilitychange", start, { once: true });
  setTimeout(start, 1000);
})();
