// A gift's status page, updated in place: every few seconds it asks whether the gift has arrived
// (GET /api/donations/pledges/<id>); once it has (or the payment failed), it fetches the page again
// and puts the server's new section, in the page's own language, in place of the waiting one,
// inside a live region that screen readers announce. No reload: the donor's place on the page
// stays. Without script the page reloads itself instead (the <noscript> refresh in its head).
(() => {
  const live = document.getElementById("pledge-status");
  const pledge = live?.getAttribute("data-pledge");
  if (!live || !pledge || !live.querySelector("[data-status='waiting']")) return;
  const everyMs = 3000;

  async function check() {
    try {
      const answer = await fetch(`/api/donations/pledges/${encodeURIComponent(pledge)}`, {
        cache: "no-store",
        headers: { accept: "application/json" },
      });
      if (answer.ok && (await answer.json()).status !== "waiting") {
        const page = await fetch(window.location.href, { cache: "no-store" });
        const html = new DOMParser().parseFromString(await page.text(), "text/html");
        const next = html.getElementById("pledge-status");
        if (page.ok && next) {
          live.replaceChildren(
            ...Array.from(next.childNodes, (node) => document.importNode(node, true)),
          );
          document.title = html.title;
          return;
        }
      }
    } catch {
      // Offline for a moment, or the server restarting: ask again at the next turn.
    }
    window.setTimeout(check, everyMs);
  }

  window.setTimeout(check, everyMs);
})();
