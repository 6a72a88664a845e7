// The import table of ../shared/DESIGN.md section 3, enforced for every folder of src/: which
// folders each may import (static and dynamic imports), that only the CLI plugs in
// conformance/, that only target/ and server/ reach the network, that the pure core reads no
// clock and touches no file, and that every folder has an index.ts whose first comment says what
// it does. Type-only imports count like any other, except where the table says "types".
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');

/** folder → folders it may import ("name:types" = only `import type`). */
const ALLOWED: Record<string, string[]> = {
  history: [],
  clock: [],
  spec: ['history:types'],
  catalog: ['spec'],
  wire: ['spec', 'history'],
  check: ['spec', 'history', 'catalog'],
  scenario: ['spec', 'history'],
  target: ['spec', 'history', 'wire', 'clock'],
  suite: ['catalog', 'check', 'scenario', 'history', 'spec'],
  server: ['spec', 'wire', 'clock', 'history', 'target'],
  runner: ['suite', 'check', 'scenario', 'target', 'spec', 'history', 'catalog', 'clock'],
  report: ['runner:types', 'suite:types', 'check', 'catalog', 'history', 'spec'],
  settings: ['spec', 'target', 'clock', 'history', 'check', 'server'],
  testing: ['server'],
  cli: ['*'],
};

/** Folders that must stay pure: no clock, no file system, no network, no processes. */
const PURE = new Set(['spec', 'history', 'catalog', 'check', 'wire', 'scenario', 'suite']);
/** The only folders that may open sockets (the CLI may, through them). */
const NETWORK = new Set(['target', 'server']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** The code without comments, so a comment may name what the code must not do. */
function code(path: string): string {
  return readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

interface Import {
  spec: string;
  typeOnly: boolean;
}

function imports(text: string): Import[] {
  const out: Import[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]/g)) out.push({ spec: m[3]!, typeOnly: !!m[2] });
  for (const m of text.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push({ spec: m[1]!, typeOnly: false });
  return out;
}

const folderOf = (path: string): string => relative(src, path).split(sep)[0]!;

const sources = files(src).filter((f) => dirname(f) !== src);
const folders = [...new Set(sources.map(folderOf))].sort();

describe('architecture: the import table of DESIGN.md section 3', () => {
  it('lists every folder of src/', () => {
    expect(folders.filter((f) => !(f in ALLOWED))).toEqual([]);
  });

  for (const folder of folders) {
    it(`${folder} imports only ${ALLOWED[folder]?.join(', ') || 'itself'}`, () => {
      const allowed = ALLOWED[folder] ?? [];
      const problems: string[] = [];
      for (const file of sources.filter((f) => folderOf(f) === folder)) {
        for (const imp of imports(code(file))) {
          if (!imp.spec.startsWith('.')) continue;
          const target = resolve(dirname(file), imp.spec);
          const rel = relative(root, target);
          if (rel.startsWith(`conformance${sep}`) || rel === 'conformance') {
            if (folder !== 'cli') problems.push(`${relative(root, file)} imports ${imp.spec} (suites are plugged in by the CLI or a user)`);
            continue;
          }
          if (!rel.startsWith(`src${sep}`)) {
            problems.push(`${relative(root, file)} imports ${imp.spec}, outside src/`);
            continue;
          }
          const other = rel.split(sep)[1]!;
          if (other === folder || other.endsWith('.js') || allowed.includes('*')) continue;
          if (allowed.includes(other)) continue;
          if (imp.typeOnly && allowed.includes(`${other}:types`)) continue;
          problems.push(`${relative(root, file)} imports ${imp.spec}${imp.typeOnly ? ' (types)' : ''}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it('pure folders read no clock and touch no file, process or network', () => {
    const forbidden = [
      /from\s+['"](node:)?(http|https|net|dgram|tls|dns|http2|fs|fs\/promises|child_process|worker_threads)['"]/,
      /from\s+['"]@(aws-sdk|smithy)\//,
      /\bDate\.now\s*\(/,
      /\bnew\s+Date\s*\(\s*\)/,
      /\bperformance\.now\s*\(/,
      /\bprocess\.hrtime/,
      /\b(setTimeout|setInterval)\s*\(/,
    ];
    const problems: string[] = [];
    for (const file of sources.filter((f) => PURE.has(folderOf(f)))) {
      const text = code(file);
      for (const p of forbidden) if (p.test(text)) problems.push(`${relative(root, file)}: ${p.source}`);
    }
    expect(problems).toEqual([]);
  });

  it('only target/ and server/ open sockets or load the AWS SDK', () => {
    const net = /from\s+['"](node:)?(http|https|net|http2|tls)['"]|from\s+['"]@(aws-sdk|smithy)\/|\bfetch\s*\(/;
    const problems = sources.filter((f) => !NETWORK.has(folderOf(f)) && folderOf(f) !== 'cli' && net.test(code(f))).map((f) => relative(root, f));
    expect(problems).toEqual([]);
  });

  it('only cdk/ imports aws-cdk-lib', () => {
    const cdk = /from\s+['"](aws-cdk-lib|constructs)/;
    expect(sources.filter((f) => cdk.test(code(f))).map((f) => relative(root, f))).toEqual([]);
  });

  it('every folder has an index.ts whose first comment says what it does and what it may import', () => {
    for (const folder of folders) {
      const index = join(src, folder, 'index.ts');
      const text = readFileSync(index, 'utf8');
      expect(text.startsWith('//'), `${folder}/index.ts starts with a comment`).toBe(true);
      expect(text.split('\n').slice(0, 8).join(' '), `${folder}/index.ts names what it may import`).toMatch(/import|pure/i);
    }
  });
});
