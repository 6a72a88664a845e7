// src/wire's place in the layers (../shared/DESIGN.md section 3; src/wire/index.ts): it imports
// only src/spec, src/history and itself, plus fast-xml-parser; no SDK, no network, no file system.
// src/server and src/target use it, and it uses neither of them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../../src/', import.meta.url));
const imports = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] as string);

describe('src/wire imports', () => {
  const files = readdirSync(join(src, 'wire')).filter((f) => f.endsWith('.ts'));

  it.each(files)('%s', (f) => {
    for (const target of imports(join(src, 'wire', f))) {
      const allowed = target.startsWith('./') || target.startsWith('../spec/') || target.startsWith('../history/') || target === 'fast-xml-parser';
      expect(allowed, `imports ${target}`).toBe(true);
    }
  });

  it('the server and the Query client use it', () => {
    expect(imports(join(src, 'server', 'server.ts'))).toContain('../wire/index.js');
    expect(imports(join(src, 'target', 'query-port.ts'))).toContain('../wire/index.js');
  });
});
