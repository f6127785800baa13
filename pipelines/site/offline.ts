// The site is built without the network. Framework 1.13.4's client bundle (main.js and its standard library:
// the JSX root, the recommended libraries, the sample datasets) imports `npm:…` modules lazily, and the build
// resolves each one's version from the folder names under .observablehq/cache/_npm or else asks
// registry.npmjs.org. Our pages import every library from node_modules and use none of these lazy imports
// (the site's browser tests fail on any request that is not answered), so only the versions must be known:
// a folder per module answers Framework's question offline. Installed packages answer with node_modules'
// version; the others with the version named here.
// Anything else that would fetch during the build is refused by no-network.mjs with one Danish line.
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { NODE_MODULES } from "../paths.ts";

/** The client bundle's lazy npm imports and the version to name when node_modules does not hold the package. */
export const CLIENT_NPM: Record<string, string> = {
  "@observablehq/plot": "0.6.17",
  "@observablehq/sample-datasets": "1.0.1",
  "apache-arrow": "21.2.0",
  arquero: "8.0.3",
  d3: "7.9.2",
  "d3-dsv": "3.0.2",
  echarts: "6.1.0",
  htl: "0.3.1",
  leaflet: "1.9.4",
  lodash: "4.18.1",
  "mapbox-gl": "3.32.0",
  "parquet-wasm": "0.8.0",
  react: "19.3.1",
  "react-dom": "19.3.1",
  "topojson-client": "3.1.0",
};

/** Preload for the Framework build process: every fetch fails with a Danish line naming the address. */
export const NO_NETWORK_PRELOAD = fileURLToPath(new URL("./no-network.mjs", import.meta.url));

function installedVersion(name: string): string | undefined {
  const pkg = join(NODE_MODULES, name, "package.json");
  return existsSync(pkg) ? (JSON.parse(readFileSync(pkg, "utf8")) as { version: string }).version : undefined;
}

/** Makes the Framework cache answer the client bundle's npm version questions without the network. */
export function pinClientVersions(cacheDir: string): void {
  const npm = join(cacheDir, "_npm");
  for (const [name, fallback] of Object.entries(CLIENT_NPM)) {
    const parent = join(npm, dirname(name)); // `_npm/@scope` for a scoped name
    const base = name.slice(name.lastIndexOf("/") + 1);
    if (existsSync(parent) && readdirSync(parent).some((n) => n.startsWith(`${base}@`))) continue;
    mkdirSync(join(npm, `${name}@${installedVersion(name) ?? fallback}`), { recursive: true });
  }
}
