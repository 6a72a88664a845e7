// src/spec is PURE (src/spec/index.ts, ../shared/DESIGN.md section 2): no SDK, no network, no
// clock reads, nothing imported from outside src/spec. node:crypto is allowed (hashing is pure).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const specDir = fileURLToPath(new URL('../../src/spec/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** The code without comments, so a comment may name what the code must not do. */
function code(path: string): string {
  return readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const FORBIDDEN: Array<{ what: string; pattern: RegExp }> = [
  { what: 'the AWS SDK', pattern: /from\s+['"]@(aws-sdk|smithy)\// },
  { what: 'the network', pattern: /from\s+['"](node:)?(http|https|net|dgram|tls|dns|http2)['"]/ },
  { what: 'the file system or processes', pattern: /from\s+['"](node:)?(fs|fs\/promises|child_process|worker_threads)['"]/ },
  { what: 'the clock (Date.now)', pattern: /\bDate\.now\s*\(/ },
  { what: 'the clock (new Date)', pattern: /\bnew\s+Date\s*\(/ },
  { what: 'the clock (performance.now)', pattern: /\bperformance\.now\s*\(/ },
  { what: 'the clock (process.hrtime)', pattern: /\bprocess\.hrtime/ },
  { what: 'randomness (Math.random)', pattern: /\bMath\.random\s*\(/ },
  { what: 'timers', pattern: /\b(setTimeout|setInterval|setImmediate)\s*\(/ },
];

describe('src/spec is pure', () => {
  const files = sourceFiles(specDir);

  it.each(files.map((f) => ({ file: relative(specDir, f), path: f })))('$file', ({ path }) => {
    const text = code(path);
    for (const { what, pattern } of FORBIDDEN) expect(pattern.test(text), `uses ${what}`).toBe(false);
    // Relative imports must stay inside src/spec.
    const depth = relative(specDir, path).split(/[\\/]/).length - 1;
    for (const m of text.matchAll(/from\s+['"](\.[^'"]*)['"]/g)) {
      const target = m[1] ?? '';
      const ups = target.split('/').filter((p) => p === '..').length;
      expect(ups, `imports ${target} from outside src/spec`).toBeLessThanOrEqual(depth);
    }
  });
});
