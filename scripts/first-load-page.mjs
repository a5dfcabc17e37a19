// Writes dist/app/first.html: the staff app's page with its sign-in form already in the HTML, for
// the first load over the network (src/staff-app/routes.ts serves it at /app/). On a slow phone
// network the app's script takes seconds to arrive; with the form in the page a person can type
// their name and password meanwhile, and the app carries what was typed into its own form when it
// starts (app/src/ui/first-load.ts). A small script written into the page (app/first-load.js)
// makes the button take a press and runs the app's script once the page has been drawn; the app
// signs in when it starts.
//
// Later loads come from the service worker, which keeps index.html (the loading note only): a
// person already signed in never sees a sign-in form flash before their Home screen.
//
// The words are the app's own Vietnamese (app/src/i18n/vi.ts), so the two forms cannot differ.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
// The built app's directory: dist/app, or the one given (test/e2e/harness.ts builds elsewhere).
const app = process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, "dist", "app");
const vi = readFileSync(path.join(root, "app", "src", "i18n", "vi.ts"), "utf8");

const escapeHtml = (text) =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

function say(key) {
  const found = vi.match(new RegExp(`"${key.replace(/\./g, "\\.")}":\\s*"([^"]*)"`));
  if (!found)
    throw new Error(`first-load-page: no Vietnamese text for ${key} in app/src/i18n/vi.ts`);
  return escapeHtml(found[1]);
}

const index = readFileSync(path.join(app, "index.html"), "utf8");
const note = index.match(/<div id="app">\s*(<p class="app-loading"[\s\S]*?<\/p>)\s*<\/div>/);
if (!note) throw new Error("first-load-page: dist/app/index.html has no loading note in #app");

const form = `<div id="app">${note[1]}<main class="screen login" data-first-load>
      <div class="login__top"><p class="login__brand">Peerlink</p></div>
      <h1>${say("login.title")}</h1>
      <form novalidate>
        <div class="field"><label class="field__label" for="first-username">${say("login.username")}</label><input id="first-username" class="input" type="text" autocomplete="username" required></div>
        <div class="field"><label class="field__label" for="first-password">${say("login.password")}</label><input id="first-password" class="input" type="password" autocomplete="current-password" required></div>
        <button type="button" class="button button--primary button--wide" disabled data-busy="${say("login.signing_in")}">${say("login.submit")}</button>
      </form>
    </main></div>`;

// The app's stylesheet is written into the page: the form is drawn from the document alone, with
// no request that blocks the first paint (a round trip of 400 ms on a slow phone network, competing
// for bandwidth with the app's script). The Content-Security-Policy allows it by its hash
// (src/staff-app/first-load.ts). Later loads take index.html and the stylesheet from the service
// worker, so the page with the form inline costs its bytes once.
const link = index.match(
  /<link rel="stylesheet"[^>]*href="\/app\/(assets\/index-[^"]+\.css)"[^>]*>/,
);
if (!link) throw new Error("first-load-page: dist/app/index.html links no app stylesheet");
const css = readFileSync(path.join(app, link[1]), "utf8").trim();
if (/<\/style/i.test(css))
  throw new Error("first-load-page: the stylesheet cannot be written inline");

// After the form: the page's own script (app/first-load.js), written in, so the button takes a
// press from the first paint with no request of its own (a round trip of 400 ms on a slow phone
// network). The Content-Security-Policy allows it by its hash (src/staff-app/first-load.ts).
// Its comments stay in the file: the page carries only the code (no line of it ends in a comment).
const pageScript = readFileSync(path.join(root, "app", "first-load.js"), "utf8")
  .split("\n")
  .filter((line) => !line.trimStart().startsWith("//"))
  .join("\n")
  .trim();
if (/<\/script/i.test(pageScript))
  throw new Error("first-load-page: app/first-load.js cannot be written inline");

// The app's script is fetched from the start, at low priority (the page needs nothing from it to
// be drawn and used), but run by the page's script once the page is drawn: a module script in the
// head runs as soon as it has arrived, before the first paint when the network is fast.
const appScript = index.match(
  /<script type="module" crossorigin src="(\/app\/assets\/index-[^"]+)"><\/script>/,
);
if (!appScript) throw new Error("first-load-page: dist/app/index.html has no app script");
// Nothing else is asked for before the app's script, which has the connection to itself: the icon
// is written in (a few hundred bytes), and the manifest is linked by the app when it registers its
// service worker (app/src/main.tsx), the two being what makes it installable.
const icon = index.match(/<link rel="icon" href="\/app\/(icon\.svg)"[^>]*>/);
if (!icon) throw new Error("first-load-page: dist/app/index.html links no icon.svg");
const iconSvg = readFileSync(path.join(app, icon[1]), "utf8").trim();
const iconData = `data:image/svg+xml,${encodeURIComponent(iconSvg)}`;
const manifest = index.match(/<link rel="manifest"[^>]*>/);
if (!manifest) throw new Error("first-load-page: dist/app/index.html links no manifest");

writeFileSync(
  path.join(app, "first.html"),
  index
    .replace(icon[0], `<link rel="icon" href="${iconData}" type="image/svg+xml" />`)
    .replace(manifest[0], "")
    .replace(link[0], `<style>${css}</style>`)
    .replace(
      appScript[0],
      `<link rel="modulepreload" crossorigin fetchpriority="low" href="${appScript[1]}" data-app>`,
    )
    .replace(note[0], `${form}<script>${pageScript}</script>`),
);
