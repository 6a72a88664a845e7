// The committed peer locks (peers/<name>/) are complete: each parses, pins every entry exactly
// (with a hash), and each installed peer holds exactly what its lock says (pip freeze, node_modules,
// the jars of the classpath, the modules linked into the goaws binary). In CI every peer is
// installed before the tests (.ci/run: scripts/install-peers.sh), so there a peer that is not
// installed fails; elsewhere it is skipped with the reason printed.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkPeerInstall,
  ensureInstalled,
  formatDiff,
  INSTALL_MARKER,
  LOCK_FILES,
  LOCKED_PEERS,
  PEER_PACKAGES,
  peerLockDir,
  readPeerLock,
  type InstallMarker,
} from '../../src/target/launchers/index.js';
import { defaultWorkDir } from '../../src/target/profiles.js';

const inCi = process.env.CI === 'true' || process.env.CI === '1';

describe.each(LOCKED_PEERS)('%s lock', (name) => {
  const lock = readPeerLock(name);
  const kind = PEER_PACKAGES[name].kind;

  it('is committed, parses and pins every entry exactly', () => {
    expect(lock.entries.size).toBeGreaterThan(0);
    expect(lock.mainVersion).toMatch(/^v?\d+\.\d+/);
    const dir = peerLockDir(name);
    const text = (f: string) => readFileSync(join(dir, f), 'utf8');
    if (kind === 'pip') {
      expect(lock.python).toMatch(/^3\.\d+$/);
      const lines = text('requirements.lock').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
      for (const l of lines) expect(l).toMatch(/^[A-Za-z0-9._-]+==[^\s=<>~!]+ --hash=sha256:[0-9a-f]{64}( {2}# (sdist|build))?$/);
    } else if (kind === 'npm') {
      const packages = (JSON.parse(text('package-lock.json')) as { packages: Record<string, { version?: string; integrity?: string; link?: boolean }> }).packages;
      for (const [path, p] of Object.entries(packages)) {
        if (path === '') continue;
        expect(p.integrity, path).toMatch(/^sha512-/);
      }
      // The top-level dependency is exact, so the lock's input does not float either.
      const deps = (JSON.parse(text('package.json')) as { dependencies: Record<string, string> }).dependencies;
      for (const v of Object.values(deps)) expect(v).toMatch(/^\d+\.\d+\.\d+$/);
    } else if (kind === 'maven') {
      const pom = text('pom.xml');
      const deps = [...pom.matchAll(/<dependency>(.*?)<\/dependency>/g)].map((m) => m[1]!);
      expect(deps.length).toBe(lock.entries.size);
      for (const d of deps) {
        // An exact version, and nothing transitive: Maven resolves nothing beyond this list.
        expect(d).toMatch(/<version>[^<[\](),]+<\/version>/);
        expect(d).toContain('<exclusion><groupId>*</groupId><artifactId>*</artifactId></exclusion>');
      }
    } else {
      const sum = text('go.sum');
      for (const [path, version] of lock.entries) {
        expect(sum, `${path} ${version}`).toContain(`${path} ${version} h1:`);
        expect(sum, `${path} ${version}/go.mod`).toContain(`${path} ${version}/go.mod h1:`);
      }
    }
  });

  it('its sha256 covers every lock file', () => {
    expect(lock.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(LOCK_FILES[kind].length).toBeGreaterThan(0);
  });

  it('the installed set equals the lock', async () => {
    const check = await checkPeerInstall(name, defaultWorkDir());
    if (!check.installed) {
      const why = `${name} is not installed from its current lock in ${check.dir} (scripts/install-peers.sh ${name} installs it)`;
      if (inCi) throw new Error(why);
      console.log(`skipped: ${why}`);
      return;
    }
    expect(check.compared).toBeGreaterThan(0);
    expect(formatDiff(check), `${name} in ${check.dir}`).toBe('none');
  }, 60_000);
});

describe('install marker', () => {
  it("a changed lock (its sha256 in the marker's want) installs again; the same one does not", async () => {
    const workDir = await mkdtemp(join(tmpdir(), 'sqsc-marker-'));
    try {
      let installs = 0;
      const install = (sha: string) =>
        ensureInstalled({
          name: 'demo',
          workDir,
          dir: join(workDir, 'demo'),
          want: { demo: '1.0.0', lockSha256: sha },
          install: async (ctx) => {
            installs += 1;
            await writeFile(join(ctx.dir, 'payload'), sha);
            return { demo: '1.0.0' };
          },
        });
      expect((await install('a')).installed).toBe(true);
      expect((await install('a')).installed).toBe(false);
      expect(installs).toBe(1);
      const marker = JSON.parse(await readFile(join(workDir, 'demo', INSTALL_MARKER), 'utf8')) as InstallMarker;
      expect(marker.want).toEqual({ demo: '1.0.0', lockSha256: 'a' });
      expect((await install('b')).installed).toBe(true);
      expect(installs).toBe(2);
      expect(await readFile(join(workDir, 'demo', 'payload'), 'utf8')).toBe('b');
      const forced = await ensureInstalled({
        name: 'demo',
        workDir,
        dir: join(workDir, 'demo'),
        want: { demo: '1.0.0', lockSha256: 'b' },
        force: true,
        install: async () => {
          installs += 1;
          return {};
        },
      });
      expect(forced.installed).toBe(true);
      expect(installs).toBe(3);
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  });

  it('a failed install leaves no marker, and its error carries the end of the install log', async () => {
    const workDir = await mkdtemp(join(tmpdir(), 'sqsc-marker-'));
    try {
      const err = await ensureInstalled({
        name: 'broken',
        workDir,
        dir: join(workDir, 'broken'),
        want: { x: '1' },
        install: async (ctx) => {
          await ctx.run('sh', ['-c', 'echo resolving; echo "no matching distribution" >&2; exit 3']);
          return {};
        },
      }).catch((e: unknown) => e);
      expect(err).toMatchObject({ name: 'TargetError', code: 'install-failed' });
      const log = (err as { log?: { file: string; tail: string[] } }).log;
      expect(log?.file).toBe(join(workDir, 'logs', 'broken-install.log'));
      expect(log?.tail.join('\n')).toContain('no matching distribution');
      await expect(readFile(join(workDir, 'broken', INSTALL_MARKER), 'utf8')).rejects.toThrow();
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  });
});
