// Finding the CPython a Python peer's lock was made for. Wheels are specific to the interpreter's
// minor version, so a venv is only ever built with the exact minor named in its lock's header.
import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { probeCommand } from './install-lock.js';

export interface PythonFound {
  path: string;
  /** `3.12.1` */
  version: string;
}

/**
 * A CPython `3.<minor>`: `$SQSC_PYTHON` when set, else `python3.<minor>` and `python3` on the
 * PATH, else pyenv's installed `3.<minor>.*` (newest first). Each candidate is asked its version,
 * so a pyenv shim that cannot run is skipped.
 */
export async function findPython(minor: number): Promise<PythonFound | undefined> {
  const candidates: string[] = [];
  if (process.env.SQSC_PYTHON) candidates.push(process.env.SQSC_PYTHON);
  candidates.push(`python3.${minor}`, 'python3');
  const pyenvRoot = process.env.PYENV_ROOT ?? join(homedir(), '.pyenv');
  try {
    const versions = readdirSync(join(pyenvRoot, 'versions'))
      .filter((v) => v.startsWith(`3.${minor}.`) && /^3\.\d+\.\d+$/.test(v))
      .sort((a, b) => Number(b.split('.')[2]) - Number(a.split('.')[2]));
    for (const v of versions) candidates.push(join(pyenvRoot, 'versions', v, 'bin', 'python3'));
  } catch {
    // no pyenv
  }
  for (const c of candidates) {
    const out = await probeCommand(c, ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3]); print(sys.executable)']);
    const [version, path] = out?.split('\n') ?? [];
    if (version && path && version.startsWith(`3.${minor}.`)) return { path, version };
  }
  return undefined;
}
