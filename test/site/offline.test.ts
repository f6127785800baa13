// The site builds without the network: Framework's client bundle asks for react-dom's version, which the pinned
// cache folder answers (offline.ts), and every fetch in the build process fails with one Danish line
// (no-network.mjs). Each site build in the other tests runs with both; these tests show each piece can fail.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { NODE_MODULES } from "../../pipelines/paths.ts";
import { CLIENT_NPM, NO_NETWORK_PRELOAD, pinClientVersions } from "../../pipelines/site/offline.ts";

const tmp = mkdtempSync(join(tmpdir(), "libu-offline-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const installedPlot = JSON.parse(readFileSync(join(NODE_MODULES, "@observablehq", "plot", "package.json"), "utf8")).version;
const npmJs = pathToFileURL(join(NODE_MODULES, "@observablehq", "framework", "dist", "npm.js")).href;

/** Framework's own resolution of the client bundle's `npm:react-dom`, in a process that may not fetch. */
function resolveReactDom(root: string) {
  const script = `const { resolveNpmImport } = await import(${JSON.stringify(npmJs)}); console.log(await resolveNpmImport(${JSON.stringify(root)}, "react-dom"));`;
  return spawnSync(process.execPath, ["--import", pathToFileURL(NO_NETWORK_PRELOAD).href, "--input-type=module", "-e", script], { encoding: "utf8" });
}

describe("the site build without the network", () => {
  it("resolves the client bundle's react-dom from the pinned cache folder, without a fetch", () => {
    const root = join(tmp, "pinned");
    pinClientVersions(join(root, ".observablehq", "cache"));
    const run = resolveReactDom(root);
    expect(run.stderr).toBe("");
    expect(run.stdout.trim()).toBe(`/_npm/react-dom@${CLIENT_NPM["react-dom"]}/client._esm.js`);
  });

  it("without the pin Framework would ask the registry, and the build process refuses it in Danish", () => {
    const root = join(tmp, "empty");
    mkdirSync(join(root, ".observablehq", "cache"), { recursive: true });
    const run = resolveReactDom(root);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("sitet bygges uden net, men byggeriet ville hente https://registry.npmjs.org/react-dom");
  });

  it("keeps a version already in the cache and adds none for that module", () => {
    const cache = join(tmp, "kept", ".observablehq", "cache");
    mkdirSync(join(cache, "_npm", "react-dom@18.3.1"), { recursive: true });
    pinClientVersions(cache);
    expect(readdirSync(join(cache, "_npm")).filter((n) => n.startsWith("react-dom@"))).toEqual(["react-dom@18.3.1"]);
    // node_modules' version where the package is installed: the bundle then names the library we ship.
    expect(readdirSync(join(cache, "_npm", "@observablehq"))).toContain(`plot@${installedPlot}`);
  });

  it("refuses any fetch in the build process", () => {
    const out = execFileSync(
      process.execPath,
      ["--import", pathToFileURL(NO_NETWORK_PRELOAD).href, "--input-type=module", "-e", "try { await fetch('https://example.org/x.js') } catch (e) { console.log(e.message) }"],
      { encoding: "utf8" },
    );
    expect(out.trim()).toBe("sitet bygges uden net, men byggeriet ville hente https://example.org/x.js; importér biblioteket fra node_modules");
  });
});
