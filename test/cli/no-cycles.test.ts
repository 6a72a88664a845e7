// No import cycles anywhere in src/ (issue 9: a 7-file cycle of the CLI went unnoticed because its
// imports were types only). Walks every relative import of every .ts file: `import … from`,
// `import type … from`, `export … from`, bare `import '…'` and dynamic `import('…')`; a cycle
// through any of them fails, with its files in order.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

/** File → the files of src/ it imports (relative specifiers, `.js` meaning the `.ts` source). */
function importGraph(root: string): Map<string, string[]> {
  const files = tsFiles(root);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const f of files) {
    // Comments may quote imports; strings rarely do. Drop line and block comments first.
    const text = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
    const deps = [...text.matchAll(IMPORT)].map((m) => resolve(dirname(f), m[1]!.replace(/\.js$/, '.ts'))).filter((d) => known.has(d));
    graph.set(f, [...new Set(deps)]);
  }
  return graph;
}

/** Every strongly connected component with more than one file (or a file importing itself), each as one cycle through it. */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(pathThrough(graph, new Set(component), v));
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** One cycle from `start` back to it inside `component` (breadth-first, so the shortest). */
function pathThrough(graph: Map<string, string[]>, component: Set<string>, start: string): string[] {
  const from = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!component.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(from.get(path[0]!)!);
        return [...path, start];
      }
      if (!from.has(w)) {
        from.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

describe('import cycles', () => {
  it('src/ has none', () => {
    const graph = importGraph(SRC);
    expect(graph.size).toBeGreaterThan(100);
    expect(cycles(graph).map((c) => c.map((f) => relative(SRC, f)).join(' → '))).toEqual([]);
  });

  it('the walker finds a cycle, type-only and dynamic imports included', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
    ]);
    expect(cycles(g)).toEqual([['a', 'b', 'c', 'a'], ['e', 'e']]);
    const text = "import type { X } from './x.js';\nexport { y } from '../y.js';\nconst z = await import('./z.js');\nimport './w.js';";
    expect([...text.matchAll(IMPORT)].map((m) => m[1])).toEqual(['./x.js', '../y.js', './z.js', './w.js']);
  });
});
