// The folders of lib/ import each other in one direction only: no cycle between them. This test
// reads every import in lib/, builds the folder graph and fails on any cycle, naming the files.
// Where a lower folder needs work done by a higher one (booking's pre-booking iCloud refresh,
// which sync does), the lower one declares what it needs and the process provides it at start
// (lib/booking/busy-time-refresh.ts) instead of importing upward.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const LIB = path.join(ROOT, "lib");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

/** The lib folder a lib path belongs to; null for files directly in lib/ (shared by all). */
function folderOf(libRelative: string): string | null {
  const parts = libRelative.split("/");
  return parts.length > 1 ? parts[0]! : null;
}

function importGraph() {
  const edges = new Map<string, Map<string, Set<string>>>();
  for (const file of sourceFiles(LIB)) {
    const from = folderOf(path.relative(LIB, file));
    if (!from) continue;
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)) {
      const spec = match[1] ?? match[2]!;
      let target: string;
      if (spec.startsWith("@/lib/")) target = spec.slice("@/lib/".length);
      else if (spec.startsWith(".")) target = path.relative(LIB, path.resolve(path.dirname(file), spec));
      else continue;
      const to = folderOf(target);
      if (!to || to === from || to === "generated" || target.startsWith("..")) continue;
      const byTarget = edges.get(from) ?? new Map<string, Set<string>>();
      byTarget.set(to, (byTarget.get(to) ?? new Set()).add(path.relative(ROOT, file)));
      edges.set(from, byTarget);
    }
  }
  return edges;
}

/** Strongly connected components with more than one folder: the cycles (Tarjan). */
function cycles(edges: Map<string, Map<string, Set<string>>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe("lib/ folder dependencies", () => {
  const graph = importGraph();

  it("have no cycle", () => {
    const described = cycles(graph).map((component) =>
      component
        .flatMap((from) =>
          component.filter((to) => graph.get(from)?.has(to)).map((to) => `${from} → ${to} (${[...graph.get(from)!.get(to)!].join(", ")})`),
        )
        .join("\n"),
    );
    expect(described).toEqual([]);
  });

  it("booking never imports sync (sync pushes appointments and applies two-way edits)", () => {
    expect([...(graph.get("booking")?.get("sync") ?? [])]).toEqual([]);
  });

  it("detects a cycle when there is one (the checker itself works)", () => {
    const fake = new Map([
      ["a", new Map([["b", new Set(["lib/a/x.ts"])]])],
      ["b", new Map([["c", new Set(["lib/b/y.ts"])]])],
      ["c", new Map([["a", new Set(["lib/c/z.ts"])]])],
      ["d", new Map([["a", new Set(["lib/d/w.ts"])]])],
    ]);
    expect(cycles(fake)).toEqual([["a", "b", "c"]]);
  });
});
