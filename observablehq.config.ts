// Observable Framework configuration. See README.md ("Offline build") for why
// the global stylesheets are emptied: the default theme links Google Fonts.
export default {
  title: "Kvalitetskommun – analysverktyg",
  root: "src",
  lang: "sv-SE",
  pages: [
    {name: "Nominering", path: "/nominering"},
    {name: "Kommunprofil", path: "/kommun"},
    {name: "Utvecklingskommun", path: "/utveckling"},
    {name: "Robusthet", path: "/robusthet"},
    {name: "Granskning", path: "/granskning"},
    {name: "Utforska", path: "/utforska"},
    {name: "Rapport", path: "/rapport"},
    {name: "Dataöversikt", path: "/"}
  ],
  style: "style.css",
  // No web fonts or other third-party stylesheets: every byte from our own origin.
  globalStylesheets: [],
  head: '<meta name="referrer" content="no-referrer">',
  footer: "Egen bearbetning av data från Kolada (RKA). Källa för ursprungsdata: Kolada.",
  // No "Previous page / Next page" pager: it is English-only in Framework 1.13,
  // and the sidebar already lists every page of this tool.
  pager: false,
  search: false,
  linkify: false,
  preserveExtension: true
};
