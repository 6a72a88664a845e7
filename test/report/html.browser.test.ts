// The scoreboard in a real browser: a small real matrix (reference + fauxqs, one scenario per
// property, three short properties) through the CLI flow with the real runner and launchers, then
// scoreboard.html and a target's report.html rendered in headless Debian Chromium (playwright-core).
// Checks that the page renders (title, rows, styles under its CSP, no console errors) and that the
// numbers it shows match scoreboard.json and each report.json. Saves screenshots next to the
// reports (out/browser-check/, git-ignored). Skipped, saying so, when Chromium is not installed
// (`apt-get install -y chromium`; .ci/run does it).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kitDeps, runCli, type CliIO } from '../../src/cli/index.js';
import type { JsonReport } from '../../src/report/index.js';
import type { Scoreboard } from '../../src/runner/matrix.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = resolve(ROOT, 'out/browser-check');
/** Short properties only (retention alone takes over a minute); fauxqs fails `body` (it rejects some valid characters). */
const PROPERTIES = ['visibility', 'delay', 'validation', 'body'];
const TARGETS = ['reference', 'fauxqs'];
const hasChromium = existsSync(CHROMIUM);

/** Runs `matrix` through runCli with the real runner and launchers, limited to PROPERTIES. */
async function realMatrix(): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const io: CliIO = {
    stdout: { write: () => true },
    stderr: { write: (s: string) => (stderr += s) },
    env: {},
    cwd: ROOT,
    now: () => performance.now(),
    randomSeed: () => 11,
    mkdir: async (d) => void (await mkdir(d, { recursive: true })),
    writeFile: (f, c) => writeFile(f, c, 'utf8'),
    readFile: (f) => readFile(f, 'utf8'),
    wallClock: () => Date.now(),
    cpus: () => 2,
    onSignal: () => () => {},
    exitNow: () => {},
  };
  const code = await runCli(['matrix', '--targets', TARGETS.join(','), '--suite', 'lifecycle', '--property', PROPERTIES.join(','), '--runs', '1', '--seed', '11', '--shrink-budget', '5', '--out', OUT], io, kitDeps('0.0.0'));
  return { code, stderr };
}

// Reason: runs only where Chromium is installed; without it the placeholder below says skipped and how to install it.
describe.skipIf(!hasChromium)('scoreboard.html in headless Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  let profileDir: string;
  let sb: Scoreboard;
  const reports = new Map<string, JsonReport>();
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    await rm(OUT, { recursive: true, force: true });
    const { code, stderr } = await realMatrix();
    expect([0, 1], stderr).toContain(code);
    sb = JSON.parse(await readFile(join(OUT, 'scoreboard.json'), 'utf8')) as Scoreboard;
    for (const t of sb.targets) {
      if (t.status !== 'error') reports.set(t.name, JSON.parse(await readFile(join(OUT, t.name, 'report.json'), 'utf8')) as JsonReport);
    }
    profileDir = await mkdtemp(join(tmpdir(), 'sqsc-chromium-'));
    context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    if (profileDir) await rm(profileDir, { recursive: true, force: true });
  });

  it('the real matrix ran both targets', () => {
    expect(sb.targets.map((t) => t.name)).toEqual(TARGETS);
    for (const t of sb.targets) expect(t.status, `${t.name}: ${t.error ?? ''}`).not.toBe('error');
    expect(sb.targets.find((t) => t.name === 'reference')!.status).toBe('conformant');
  });

  it('renders: title, one row per target, styles applied under the CSP, no console errors; screenshot saved', async () => {
    await page.goto(pathToFileURL(join(OUT, 'scoreboard.html')).href);
    expect(await page.title()).toBe(`sqs-conformance scoreboard — ${TARGETS.join(', ')}`);
    expect(await page.locator('#targets tbody tr').count()).toBe(TARGETS.length);
    expect(await page.locator('#properties tbody tr').count()).toBe(PROPERTIES.length);
    // The inline stylesheet applied: a badge has its coloured background.
    // (tsconfig has no DOM lib: the browser's getComputedStyle is reached through globalThis.)
    const bg = await page
      .locator('#targets tbody tr .badge')
      .first()
      .evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor);
    expect(bg).not.toBe('rgba(0, 0, 0, 0)');
    expect(await page.locator('script').count()).toBe(0);
    const shot = join(OUT, 'scoreboard.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(existsSync(shot)).toBe(true);
    expect(consoleErrors).toEqual([]);
  });

  it('shows the numbers of scoreboard.json and of each report.json', async () => {
    await page.goto(pathToFileURL(join(OUT, 'scoreboard.html')).href);
    for (const t of sb.targets) {
      const row = page.locator(`#targets tbody tr[data-target="${t.name}"]`);
      const passedCell = (await row.locator('td.passed').innerText()).trim();
      const occurrences = Number((await row.locator('td.occurrences').innerText()).trim());
      const ids = Number((await row.locator('td.ids').innerText()).trim());
      expect(passedCell).toBe(`${t.scenarios.passed}/${t.scenarios.total}`);
      expect(occurrences).toBe(t.divergenceCount);
      expect(ids).toBe(t.divergences.length);

      // The same numbers from the target's own report.json.
      const r = reports.get(t.name)!;
      expect(passedCell).toBe(`${r.properties.filter((p) => p.status === 'passed').length}/${r.properties.length}`);
      expect(occurrences).toBe(r.divergences.length);
      expect(ids).toBe(new Set(r.divergences.map((d) => d.id)).size);

      // Per property cells.
      for (const p of t.properties) {
        const cell = page.locator(`#properties tr[data-property="${p.suite}/${p.property}"] td[data-target="${t.name}"]`);
        expect((await cell.innerText()).trim().split(/\s+/)[0]).toBe(`${p.passed}/${p.total}`);
      }
      // Per divergence counts in the target's section.
      const section = page.locator(`section.target[data-target="${t.name}"]`);
      for (const d of t.divergences) {
        expect(Number((await section.locator(`tr[data-id="${d.id}"] td.count`).innerText()).trim())).toBe(d.occurrences);
        expect(r.divergences.filter((x) => x.id === d.id)).toHaveLength(d.occurrences);
      }
    }
  });

  it("a target's report.html renders and shows its report.json numbers", async () => {
    const t = sb.targets.find((x) => x.divergences.length > 0) ?? sb.targets[0]!;
    const r = reports.get(t.name)!;
    await page.goto(pathToFileURL(join(OUT, 'scoreboard.html')).href);
    await page.locator(`#targets tbody tr[data-target="${t.name}"] a`, { hasText: 'html' }).click();
    await page.waitForLoadState('load');
    expect(await page.title()).toBe(`sqs-conformance: ${t.name} — ${r.verdict}`);
    expect((await page.locator('#passed').innerText()).trim()).toBe(`${r.properties.filter((p) => p.status === 'passed').length}/${r.properties.length}`);
    expect(Number((await page.locator('#divergences').innerText()).trim())).toBe(r.divergences.length);
    expect(await page.locator('section.divergence').count()).toBe(r.divergences.length);
    await page.screenshot({ path: join(OUT, `${t.name}-report.png`), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });
});

describe.runIf(!hasChromium)('scoreboard.html in headless Chromium', () => {
  // Reason: no Chromium on this machine; the placeholder names the install command instead of passing silently.
  it.skip(`skipped: ${CHROMIUM} not found (install it with: apt-get install -y chromium)`, () => {});
});
