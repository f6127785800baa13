// The repository documents itself (issue 9, deliverable 6): no file refers to anything outside it — no spec folder
// beside the clone, no bare `kpis.md` that is not in the repository — and every relative link in its Markdown
// files leads to a file that is there. A user's clone is all they have.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "../pipelines/paths.ts";

const tracked = execFileSync("git", ["ls-files"], { cwd: REPO, encoding: "utf8" }).split("\n").filter(Boolean);
const TEXT = /\.(ts|js|mjs|sql|json|md|csv|css|yml|yaml)$|^\.ci\//;
const texts = tracked.filter((f) => TEXT.test(f) && f !== "package-lock.json" && existsSync(join(REPO, f)));
const read = (f: string) => readFileSync(join(REPO, f), "utf8");

/**
 * The documents in docs/, by name: a bare name outside docs/ is a reference to a file that is not beside it
 * (README.md left out: every folder has one).
 */
const DOCS = tracked.filter((f) => f.startsWith("docs/") && f.endsWith(".md")).map((f) => f.slice("docs/".length));
const NAMED = DOCS.filter((name) => name !== "README.md");
/** Files that write docs/ themselves, where the bare names are docs/'s own relative links or their file names. */
const WRITES_DOCS = new Set(["pipelines/kpi-doc.ts", "pipelines/contract-doc.ts", "pipelines/commands/docs.ts", "test/kpi-doc.test.ts", "test/contract-doc.test.ts", "test/repo-references.test.ts"]);

/** This file plants what it looks for. */
const SELF = "test/repo-references.test.ts";

export function outsideReferences(file: string, text: string): string[] {
  const found: string[] = [];
  text.split("\n").forEach((line, i) => {
    const at = `${file}:${i + 1}`;
    if (file !== SELF && /(\.\.\/)+shared\/|shared\/(spec|seeds)\//.test(line)) found.push(`${at}: refers to the shared folder outside the repository`);
    if (file.startsWith("docs/") || WRITES_DOCS.has(file)) return;
    for (const name of NAMED) {
      const bare = new RegExp(`(?<![\\w/"'.-])${name.replace(".", "\\.")}`);
      if (bare.test(line)) found.push(`${at}: "${name}" without its folder — write docs/${name}`);
    }
  });
  return found;
}

function brokenLinks(file: string, text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = m[1].split("#")[0];
    if (!target || /^[a-z]+:/i.test(target)) continue;
    const path = normalize(join(dirname(file), decodeURI(target)));
    if (path.startsWith("..") || !existsSync(join(REPO, path))) found.push(`${file}: link to ${m[1]} leads nowhere in the repository`);
  }
  return found;
}

describe("the repository refers only to itself", () => {
  it("has the documents the code cites", () => {
    expect(DOCS).toEqual(expect.arrayContaining(["README.md", "cli.md", "contract.md", "glossary.md", "kpis.md", "method.md"]));
  });

  it("no file refers to the spec outside it or names a document of docs/ without its folder", () => {
    expect(texts.flatMap((f) => outsideReferences(f, read(f)))).toEqual([]);
  });

  it("every relative link in its Markdown files leads to a file in the repository", () => {
    expect(texts.filter((f) => f.endsWith(".md")).flatMap((f) => brokenLinks(f, read(f)))).toEqual([]);
  });

  it("finds what it looks for (so the tests above can fail)", () => {
    expect(outsideReferences("x.ts", "// see ../shared/spec/kpis.md\n// kpis.md \"Active on day D\"\n// docs/kpis.md is fine")).toEqual([
      'x.ts:1: refers to the shared folder outside the repository',
      'x.ts:2: "kpis.md" without its folder — write docs/kpis.md',
    ]);
    expect(brokenLinks("docs/x.md", "[a](kpis.md) [b](../../spec/kpis.md) [c](https://x.dk) [d](method.md#periods)")).toEqual([
      "docs/x.md: link to ../../spec/kpis.md leads nowhere in the repository",
    ]);
  });
});
