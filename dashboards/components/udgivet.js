// What was published about the chosen quarter (the front page): whether its figures are final or preliminary,
// the release's date, a switch to show the figures exactly as published, and where today's figures differ.
import * as fmt from "./format.js";
import { aendredeTal, somUdgivet, udgivelseFor } from "./bilag.js";
import { el, tabel } from "./side.js";

/**
 * The status box. `vis(d)` draws the page's figures from `d`: today's data, or — when the reader ticks the box —
 * the figures as published. Returns the box.
 */
export function udgivelsesBoks(data, udg, kvartal, vis) {
  const u = udgivelseFor(udg, kvartal);
  if (!u) {
    vis(data);
    return el("p", { class: "udgivelse foreloebig" }, `Foreløbige tal: ${fmt.kvartal(kvartal)} er ikke udgivet. Tallene kan ændre sig, når der kommer nye udtræk.`);
  }
  const aendret = aendredeTal(udg, kvartal);
  const defs = new Map(data.definitioner.map((d) => [d.kpi, d]));
  const boks = el("input", { type: "checkbox", class: "som-udgivet" });
  boks.addEventListener("change", () => vis(boks.checked ? somUdgivet(data, udg, kvartal) : data));
  vis(data);
  return el(
    "div",
    { class: "udgivelse" },
    el("p", {}, `${fmt.kvartal(kvartal)} er udgivet ${fmt.dato(u.oprettet.slice(0, 10))} (udgivelse ${u.udgivelse}${u.note ? `: ${u.note}` : ""}). `,
      aendret.length ? `${aendret.length === 1 ? "Ét tal er" : `${aendret.length} tal er`} siden ændret af senere udtræk.` : "Dagens tal er de samme som de udgivne."),
    el("label", {}, boks, " Vis tallene som udgivet"),
    aendret.length
      ? el("details", { class: "data" }, el("summary", {}, "Tal der er ændret siden udgivelsen"),
          tabel(aendret.map((r) => ({ navn: r.navn ?? defs.get(r.kpi)?.navn ?? r.kpi, enhed: r.niveau === "kommune" || !r.enhed ? "Hele kommunen" : r.enhed, udgivet: r.udgivet || "ikke udgivet", nu: r.nu || "ikke vist" })), [
            { key: "navn", label: "Tal" }, { key: "enhed", label: "Enhed" }, { key: "udgivet", label: "Udgivet", align: "right" }, { key: "nu", label: "Nu", align: "right" },
          ]))
      : null,
  );
}
