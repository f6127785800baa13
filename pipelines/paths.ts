// The repository's own folders, defined once. Commands take `--models` etc. to point elsewhere; these are the
// defaults and the places the site build, the docs and the benchmark read.
import { join, resolve } from "node:path";

/** The repository root: where package.json, observablehq.config.ts and dashboards/ are. */
export const REPO = resolve(import.meta.dirname, "..");
/** The SQL models, seeds and data tests (`--models` points elsewhere). */
export const MODELS_DIR = join(REPO, "models");
/** The code lists and KPI registry as CSV. */
export const SEEDS_DIR = join(MODELS_DIR, "seeds");
/** The Observable Framework root. */
export const DASHBOARDS_DIR = join(REPO, "dashboards");
/** Demo exports, source profiles and the default warehouse. */
export const DATA_DIR = join(REPO, "data");
/** The product's documentation (KPI definitions, glossary, export contract, method). */
export const DOCS_DIR = join(REPO, "docs");
/** Installed packages (Framework's CLI, tsx). */
export const NODE_MODULES = join(REPO, "node_modules");
