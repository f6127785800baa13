// The pages' building blocks in one import, each from the module that does that job: elements (dom.js), the
// quarter (kvartal.js), KPI figures (tal.js), tables and downloads (tabel.js), charts (graf.js).
export * from "./dom.js";
export * from "./graf.js";
export * from "./kvartal.js";
export * from "./tabel.js";
export * from "./tal.js";
