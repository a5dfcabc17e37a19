// Writes dist/app/first.html: the staff app's page with its sign-in form already in the HTML, for
// the first load over the network (src/staff-app/routes.ts serves it at /app/). On a slow phone
// network the app's script takes seconds to arrive; with the form in the page a person can type
// their name and password meanwhile, and the app carries what was typed into its own form when it
// starts (app/src/ui/first-load.ts). A small script of its own (app/public/first-load.js), loaded
// long before the app's, makes the button take a press; the app signs in when it starts.
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

// After the form, and async: it runs as soon as it arrives, the form being there already. (A
// deferred script would wait for the app's module script, which comes first in the head.)
const pressScript = `<script src="/app/first-load.js" async></script>`;

// The app's script draws nothing this page needs to be drawn: the form is in the HTML. Fetched at
// low priority, it says so to the browser (and to Lighthouse, which otherwise counts a script that
// arrived before the first paint as blocking it); it is still the only large file the page asks for.
const appScript = index.match(
  /<script type="module" crossorigin src="\/app\/assets\/index-[^"]+"><\/script>/,
);
if (!appScript) throw new Error("first-load-page: dist/app/index.html has no app script");
writeFileSync(
  path.join(app, "first.html"),
  index
    .replace(link[0], `<style>${css}</style>`)
    .replace(appScript[0], appScript[0].replace("<script ", '<script fetchpriority="low" '))
    .replace(note[0], form + pressScript),
);
