// Issue 15, deliverable 6: the browser for the PDF and the browser tests is found on Linux, macOS and Windows, or
// taken from $LIBU_CHROMIUM, with one Danish line when there is none. The file system is passed in.
import { describe, expect, it } from "vitest";
import { chromiumCandidates, findChromium } from "../../pipelines/report/chromium.ts";

const only = (...paths: string[]) => (p: string) => paths.includes(p);

describe("findChromium", () => {
  it("takes $LIBU_CHROMIUM first, and says so when it points at nothing", () => {
    expect(findChromium({ LIBU_CHROMIUM: "/opt/c/chrome" }, "linux", only("/opt/c/chrome", "/usr/bin/chromium"))).toBe("/opt/c/chrome");
    expect(() => findChromium({ LIBU_CHROMIUM: "/opt/c/chrome" }, "linux", only("/usr/bin/chromium"))).toThrow(
      /^\$LIBU_CHROMIUM peger på \/opt\/c\/chrome, men der er ingen fil/,
    );
  });

  it("Linux: Debian's Chromium, else Ubuntu's snap, else Chrome", () => {
    expect(findChromium({}, "linux", only("/usr/bin/chromium", "/snap/bin/chromium"))).toBe("/usr/bin/chromium");
    expect(findChromium({}, "linux", only("/snap/bin/chromium"))).toBe("/snap/bin/chromium");
    expect(findChromium({}, "linux", only("/usr/bin/google-chrome"))).toBe("/usr/bin/google-chrome");
  });

  it("macOS: the app bundles in /Applications", () => {
    expect(findChromium({}, "darwin", only("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"))).toBe(
      "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    );
  });

  it("Windows: Chrome or Edge under Program Files (from the environment)", () => {
    const env = { PROGRAMFILES: "D:\\Programmer", "PROGRAMFILES(X86)": "D:\\Programmer (x86)" };
    const edge = "D:\\Programmer (x86)\\Microsoft\\Edge\\Application\\msedge.exe";
    expect(chromiumCandidates("win32", env)).toContain(edge);
    expect(findChromium(env, "win32", only(edge))).toBe(edge);
  });

  it("none found: one line listing what was tried and how to install", () => {
    expect(() => findChromium({}, "win32", only())).toThrow(/^fandt ingen Chromium .*prøvede .*msedge\.exe.* — installér Google Chrome eller Microsoft Edge, eller sæt \$LIBU_CHROMIUM/);
    expect(() => findChromium({}, "linux", only())).toThrow(/apt-get install chromium/);
  });
});
