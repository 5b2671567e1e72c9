// Observable Framework configuration. See README.md ("Offline build") for why
// the global stylesheets are emptied: the default theme links Google Fonts.

/**
 * What Framework 1.13.4's page template cannot be told in the config
 * (README "Tillgänglighet"), done by an inline script in every page's <head>
 * before anything is shown:
 * - `<html lang="sv">`: the template writes a bare `<html>` and ignores `lang`;
 * - zoom: the template's viewport has `maximum-scale=1` (WCAG 1.4.4 asks that
 *   text can be zoomed), so the script sets it to `width=device-width,
 *   initial-scale=1`;
 * - once the body is parsed: a "Hoppa till innehållet" link first in the
 *   body (it moves focus to the main content without touching the URL, which
 *   holds the page's state); Swedish names for the sidebar's toggle (its
 *   English title "Toggle sidebar") and navigation; the sidebar's close
 *   control, a mouse-only label for the toggle that Framework puts inside
 *   the `<ol>` of links, hidden from assistive technology (the toggle itself
 *   is the keyboard's way, and a list may only hold list items).
 * The function is serialised into the page as it is, so it uses only the DOM.
 */
function pageChrome(): void {
  document.documentElement.lang = "sv";
  document.querySelector('meta[name="viewport"]')?.setAttribute("content", "width=device-width, initial-scale=1");
  document.addEventListener(
    "DOMContentLoaded",
    () => {
      const main = document.getElementById("observablehq-main");
      if (main) {
        main.tabIndex = -1;
        const skip = document.createElement("a");
        skip.className = "skip-link";
        skip.href = "#observablehq-main";
        skip.textContent = "Hoppa till innehållet";
        skip.addEventListener("click", (event) => {
          event.preventDefault();
          main.focus({preventScroll: true});
          main.scrollIntoView();
        });
        document.body.prepend(skip);
      }
      const toggle = document.getElementById("observablehq-sidebar-toggle");
      if (toggle) {
        toggle.title = "Visa eller dölj sidomenyn";
        toggle.setAttribute("aria-label", "Sidomeny");
        toggle.setAttribute("aria-controls", "observablehq-sidebar");
      }
      document.getElementById("observablehq-sidebar")?.setAttribute("aria-label", "Sidor");
      document.getElementById("observablehq-sidebar-close")?.setAttribute("aria-hidden", "true");
    },
    {once: true}
  );
}

export default {
  title: "Kvalitetskommun – analysverktyg",
  root: "src",
  lang: "sv-SE",
  pages: [
    {name: "Nominering", path: "/nominering"},
    {name: "Kommunprofil", path: "/kommun"},
    {name: "Utvecklingskommun", path: "/utveckling"},
    {name: "Scenarier", path: "/scenarier"},
    {name: "Robusthet", path: "/robusthet"},
    {name: "Workshop", path: "/workshop"},
    {name: "Granskning", path: "/granskning"},
    {name: "Utforska", path: "/utforska"},
    {name: "Rapport", path: "/rapport"},
    {name: "Nyckeltal", path: "/nyckeltal"},
    {name: "Dataöversikt", path: "/"},
    {name: "Tillgänglighet", path: "/tillganglighet"}
  ],
  style: "style.css",
  // No web fonts or other third-party stylesheets: every byte from our own origin.
  globalStylesheets: [],
  // No favicon request (the site has none: a 404 in every browser's console otherwise).
  head: `<meta name="referrer" content="no-referrer">\n<link rel="icon" href="data:,">\n<script>(${pageChrome.toString()})();</script>`,
  footer:
    'Egen bearbetning av data från Kolada (RKA). Källa för ursprungsdata: Kolada. <a href="./tillganglighet.html">Tillgänglighetsredogörelse</a>',
  // No "Previous page / Next page" pager: it is English-only in Framework 1.13,
  // and the sidebar already lists every page of this tool.
  pager: false,
  search: false,
  linkify: false,
  preserveExtension: true
};
