// Observable Framework configuration for the quarterly site (docs/README.md, "The shape of libu"). Offline by
// construction: no Google Fonts (globalStylesheets: []), no search (it fetches a library), every client library from
// node_modules, and the build refuses any fetch (pipelines/site/offline.ts).
// `libu site` sets LIBU_DB (read by the data loaders) and LIBU_SITE_OUT (the output folder).
export default {
  root: "dashboards",
  output: process.env.LIBU_SITE_OUT ?? "dist",
  title: "Børne- og ungeområdet",
  pages: [
    { name: "Kvartalsrapport", path: "/" },
    { name: "Lovoverholdelse", path: "/lovoverholdelse" },
    { name: "Ledelsestilsyn", path: "/ledelsestilsyn" },
    { name: "Underretninger", path: "/underretninger" },
    { name: "Anbringelser og indsatstrappen", path: "/anbringelser" },
    { name: "Sagsbehandling", path: "/sagsbehandling" },
    { name: "Udviklingsplan", path: "/udviklingsplan" },
    { name: "Datakvalitet", path: "/datakvalitet" },
    { name: "Metode", path: "/metode" },
    { name: "Udvalgsbilag", path: "/bilag" },
  ],
  globalStylesheets: [],
  style: "style.css",
  search: false,
  pager: false,
  toc: false,
  sidebar: true,
  // Danish throughout: the page language, and Framework's one English tooltip (set by its client script, which
  // runs before DOMContentLoaded).
  head:
    '<link rel="icon" href="data:,"><meta name="robots" content="noindex"><script>document.documentElement.lang = "da";' +
    'addEventListener("DOMContentLoaded", () => { for (const e of document.querySelectorAll("[title^=\'Toggle sidebar\']")) e.title = e.title.replace("Toggle sidebar", "Vis eller skjul menuen"); });</script>',
  footer: "Ledelsesinformation for børne- og ungeområdet. Kun aggregerede tal; små tal er skjult (se Metode).",
};
