// The ledelsestilsyn's Danish texts shared by the page (tilsyn.js) and the release's table
// (pipelines/release/published.ts): why a review cell is not shown. No imports: Node reads it too.

/** Why a cell is not shown (the codes of pipelines/tilsyn/published.ts), for the threshold `g`. */
export function skjultTekst(kode, g) {
  if (kode === "lille_n") return `Færre end ${g} svar`;
  if (kode === "lille_antal") return `Færre end ${g} sager overholdt eller overholdt ikke kravet`;
  if (kode === "komplementaer") return "Skjult, så et lille antal ikke kan regnes ud af de andre tal";
  return "";
}
