// The browser libu prints and tests with, kept off the network: `$LIBU_CHROMIUM`, else Chromium, Chrome or Edge on
// the usual paths of Linux, macOS and Windows (municipal analysts' laptops), else a clear message.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { LibuError } from "../errors.ts";

/** Debian's Chromium, where CI and the development machine have it. */
export const CHROMIUM = "/usr/bin/chromium";

/** Where a Chromium-based browser usually is, per platform, in the order tried. */
export function chromiumCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === "win32") {
    const roots = [env.PROGRAMFILES ?? "C:\\Program Files", env["PROGRAMFILES(X86)"] ?? "C:\\Program Files (x86)", env.LOCALAPPDATA].filter(
      (r): r is string => !!r,
    );
    const tails = ["Chromium\\Application\\chrome.exe", "Google\\Chrome\\Application\\chrome.exe", "Microsoft\\Edge\\Application\\msedge.exe"];
    return tails.flatMap((t) => roots.map((r) => join(r, t).replaceAll("/", "\\")));
  }
  if (platform === "darwin")
    return [
      "/Applications/Chromium.app/Contents/MacOS/Chromium",
      "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
      "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    ];
  return [CHROMIUM, "/usr/bin/chromium-browser", "/snap/bin/chromium", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable", "/usr/bin/microsoft-edge"];
}

/**
 * The browser to use: `$LIBU_CHROMIUM` when set (it must exist), else the first candidate that exists; a LibuError
 * in Danish saying what was tried and how to fix it when none does.
 */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  exists: (path: string) => boolean = existsSync,
): string {
  const set = env.LIBU_CHROMIUM;
  if (set) {
    if (exists(set)) return set;
    throw new LibuError(`$LIBU_CHROMIUM peger på ${set}, men der er ingen fil — ret stien til Chromium, Chrome eller Edge, eller fjern variablen`);
  }
  const candidates = chromiumCandidates(platform, env);
  const found = candidates.find((p) => exists(p));
  if (found) return found;
  const install =
    platform === "win32"
      ? "installér Google Chrome eller Microsoft Edge"
      : platform === "darwin"
        ? "installér Google Chrome eller Chromium i /Applications"
        : "installér Chromium (Debian/Ubuntu: apt-get install chromium)";
  throw new LibuError(
    `fandt ingen Chromium til PDF'en og browsertestene (prøvede ${candidates.join(", ")}) — ${install}, eller sæt $LIBU_CHROMIUM til stien til browseren`,
  );
}

/** Keeps Chromium off the network: on a closed network it would otherwise try Google's hosts. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
