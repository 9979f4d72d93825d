import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The shape of lib/: a file's folder says what it may import. From the bottom up: small
 * helpers, HTTP plumbing, configuration, the database, mail, the auth concerns, the shop, then
 * the flows that tie them together for the routes in app/. Nothing imports upwards, and
 * there are no circles, between files or between folders.
 */
const RANKS: Record<string, number> = {
  "lib/text": 0,
  "lib/crypto": 0,
  "lib/http": 1,
  "lib/config": 2,
  "lib/generated": 3,
  "lib/db": 3,
  "lib/mail": 4,
  "lib/auth": 5, // each concern its own folder below it; among them, no circles
  "lib/shop": 6,
  "lib/flows": 7,
};

const ROOT = process.cwd(); // vitest runs from the project root
const SOURCE = /\.(ts|tsx)$/;
const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|(?:^|[\s;(])import\s*\(?\s*["']([^"']+)["']/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const file = path.posix.join(dir, name);
    if (name === "node_modules" || name === "generated" || name.startsWith(".")) return [];
    if (statSync(path.join(ROOT, file)).isDirectory()) return sourceFiles(file);
    return SOURCE.test(name) ? [file] : [];
  });
}

/** The project files `file` imports (packages left out), resolved the way the bundler does. */
export function importsOf(file: string, source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2]!;
    let base: string;
    if (specifier.startsWith("@/")) base = specifier.slice(2);
    else if (specifier.startsWith(".")) base = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
    else continue;
    const resolved = ["", ".ts", ".tsx", "/index.ts"].map((ending) => base + ending).find((candidate) => isFile(candidate));
    if (resolved) found.push(resolved);
  }
  return found;
}

function isFile(file: string): boolean {
  return existsSync(path.join(ROOT, file)) && statSync(path.join(ROOT, file)).isFile();
}

/** The lib/ folder a file counts in: lib/auth/<concern>, or the top folder under lib/. */
function folderOf(file: string): string {
  const parts = file.split("/");
  if (parts[0] !== "lib") return parts.length > 1 ? parts[0]! : ".";
  if (parts[1] === "auth" && parts.length > 3) return parts.slice(0, 3).join("/");
  return parts.slice(0, 2).join("/");
}

function rankOf(folder: string): number | undefined {
  return RANKS[folder] ?? (folder.startsWith("lib/auth/") ? RANKS["lib/auth"] : undefined);
}

/** Every circle in `graph`, each as the path that closes it. */
export function circles(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, "open" | "done">();
  const found: string[][] = [];
  const visit = (node: string, stack: string[]) => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "open") found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next, stack);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node, []);
  return found;
}

const files = ["app", "lib", "scripts", "bench", "prisma", "e2e"].flatMap(sourceFiles).concat(
  ["middleware.ts", "server.ts", "instrumentation.ts"].filter(isFile),
);
const fileGraph = new Map(files.map((file) => [file, importsOf(file, readFileSync(path.join(ROOT, file), "utf8"))]));

describe("the import graph", () => {
  it("is read from the real tree", () => {
    expect(fileGraph.get("middleware.ts")).toContain("lib/auth/guard/next-path.ts");
    expect(fileGraph.size).toBeGreaterThan(150);
  });

  it("has no circle between files", () => {
    expect(circles(fileGraph)).toEqual([]);
  });

  it("has no circle between the folders of lib/", () => {
    const folders = new Map<string, string[]>();
    for (const [file, imported] of fileGraph) {
      if (!file.startsWith("lib/") || file.endsWith(".test.ts")) continue;
      const from = folderOf(file);
      const targets = new Set(folders.get(from) ?? []);
      for (const target of imported.map(folderOf)) if (target !== from && target.startsWith("lib/")) targets.add(target);
      folders.set(from, [...targets]);
    }
    expect(circles(folders)).toEqual([]);
  });

  it("points downwards in lib/: no folder imports one ranked above it, and lib/ imports nothing outside", () => {
    const wrong: string[] = [];
    for (const [file, imported] of fileGraph) {
      if (!file.startsWith("lib/") || file.endsWith(".test.ts")) continue;
      const from = folderOf(file);
      const rank = rankOf(from);
      if (rank === undefined) wrong.push(`${file}: its folder ${from} has no rank`);
      for (const target of imported) {
        const to = folderOf(target);
        if (to === from || to === "prisma") continue;
        const targetRank = rankOf(to);
        if (targetRank === undefined) wrong.push(`${file} imports ${target}, outside lib/`);
        else if (rank !== undefined && targetRank > rank) wrong.push(`${file} (${from}) imports ${target} (${to}), which ranks above it`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("circles", () => {
  it("finds a circle of three and a file importing itself, and nothing in a tree", () => {
    expect(circles(new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]]]))).toEqual([["a", "b", "c", "a"]]);
    expect(circles(new Map([["a", ["a"]]]))).toEqual([["a", "a"]]);
    expect(circles(new Map([["a", ["b", "c"]], ["b", ["c"]], ["c", []]]))).toEqual([]);
  });
});

describe("importsOf", () => {
  it("reads static, type-only, side-effect, re-exported and dynamic imports, and skips packages", () => {
    const source = [
      'import { a } from "./http/forms";',
      'import type { B } from "@/lib/db/client";',
      'import "../middleware";',
      'export { c } from "./http/plain-text";',
      'const d = await import("./config/env");',
      'import { z } from "zod";',
    ].join("\n");
    expect(importsOf("lib/x.ts", source)).toEqual([
      "lib/http/forms.ts",
      "lib/db/client.ts",
      "middleware.ts",
      "lib/http/plain-text.ts",
      "lib/config/env.ts",
    ]);
  });
});
