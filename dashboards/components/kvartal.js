// The chosen quarter: from the address, the selector, the default (the latest complete one), and the
// mark that the page is rendered for it.
import * as Inputs from "@observablehq/inputs";
import * as fmt from "./format.js";

/** The quarter asked for in the address (`?kvartal=2025K3`), if it is one we have. */
export function kvartalFraAdresse(kvartaler) {
  const k = new URLSearchParams(location.search).get("kvartal");
  return k && kvartaler.includes(k) ? k : null;
}

/** The default quarter: the latest complete one (`seneste_kvartal`), else the latest with figures. */
export function standardKvartal(data) {
  const ks = data.kvartaler;
  const s = data.meta?.seneste_kvartal;
  return s && ks.includes(s) ? s : ks.at(-1) ?? null;
}

function saetKvartalIAdresse(k) {
  const url = new URL(location.href);
  url.searchParams.set("kvartal", k);
  history.replaceState(history.state, "", url);
  // Links between the pages keep the chosen quarter.
  for (const a of document.querySelectorAll("a[href]")) {
    const href = a.getAttribute("href");
    if (!href || href.startsWith("#") || /^[a-z]+:/i.test(href)) continue;
    const u = new URL(href, location.href);
    if (u.origin !== location.origin) continue;
    u.searchParams.set("kvartal", k);
    a.setAttribute("href", u.pathname + u.search + u.hash);
  }
}

/**
 * A select of the quarters, newest first; its value is the quarter id, and the address follows it. With the
 * releases (udgivelser.json) each quarter is marked published ("udgivet") or preliminary ("foreløbig").
 */
export function kvartalVaelger(data, udg) {
  const ks = [...data.kvartaler].reverse();
  const value = kvartalFraAdresse(data.kvartaler) ?? standardKvartal(data);
  const udgivne = new Set((udg?.udgivelser ?? []).map((u) => u.kvartal));
  const format = udg ? (k) => `${fmt.kvartal(k)} (${udgivne.has(k) ? "udgivet" : "foreløbig"})` : fmt.kvartal;
  const input = Inputs.select(ks, { label: "Kvartal", value, format });
  input.classList.add("kvartal-vaelger");
  if (value) saetKvartalIAdresse(value);
  input.addEventListener("input", () => saetKvartalIAdresse(input.value));
  return input;
}

/** The `n` quarters up to and including `k`, oldest first. */
export function seneste(kvartaler, k, n = 8) {
  const i = kvartaler.indexOf(k);
  return i < 0 ? [] : kvartaler.slice(Math.max(0, i - n + 1), i + 1);
}

/** Marks the page as rendered for the quarter (the PDF printer and the tests wait for it). */
export function klar(k) {
  document.body.dataset.klar = k ?? "";
}
