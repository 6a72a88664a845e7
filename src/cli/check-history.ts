// `sqs-conformance check HISTORY.jsonl`: re-checks a recorded history (a counterexample written by
// `run`, or one recorded elsewhere) against the model, offline. Exit 0 conformant, 1 divergent,
// 2 usage error or undecided.
import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import type { CliDeps, CliIO } from './app.js';
import type { CatalogEntry } from '../catalog/index.js';
import { check, type Divergence } from '../check/index.js';
import { explainDivergence } from '../report/explain.js';
import { suiteSet } from '../suite/index.js';
import { fromJsonl } from '../history/index.js';
import { loadProfile } from '../target/index.js';
import type { Strictness } from '../spec/types.js';

export interface CheckHistoryOptions {
  file: string;
  strictness?: Strictness;
  /** Profile whose tolerances apply (default: the one named in the history, else `endpoint`). */
  target?: string;
}

export interface RawCheckHistory {
  file?: string;
  strictness?: string;
  target?: string;
}

export function validateCheckHistory(raw: RawCheckHistory): { ok: true; value: CheckHistoryOptions } | { ok: false; error: string } {
  if (!raw.file) return { ok: false, error: 'check needs a history file (HISTORY.jsonl)' };
  if (raw.strictness !== undefined && raw.strictness !== 'typical' && raw.strictness !== 'guaranteed') {
    return { ok: false, error: `--strictness must be guaranteed or typical, got '${raw.strictness}'` };
  }
  return { ok: true, value: { file: raw.file, ...(raw.strictness ? { strictness: raw.strictness as Strictness } : {}), ...(raw.target ? { target: raw.target } : {}) } };
}

export function registerCheckHistory(program: Command, record: (raw: RawCheckHistory) => void): void {
  program
    .command('check')
    .description('re-check a recorded history (JSONL) against the model, offline')
    .argument('<history>', 'history file, e.g. sqs-conformance-report/histories/visibility#2.jsonl')
    .addOption(new Option('--strictness <level>', 'guaranteed or typical (default: the profile’s)'))
    .addOption(new Option('--target <name>', 'profile whose tolerances apply (default: the history’s target)'))
    .action((file: string, opts: RawCheckHistory) => record({ ...opts, file }));
}

function renderDivergence(d: Divergence, n: number, entry: CatalogEntry | undefined): string {
  return [`${n}. ${d.id}  [${d.strictness}, ${d.grade}]`, `   ${d.summary}`, ...explainDivergence(d, entry).map((l) => `   ${l}`), `   ops: ${d.ops.join(', ')}`].join('\n');
}

export async function runCheckHistory(o: CheckHistoryOptions, io: CliIO, _deps: CliDeps): Promise<number> {
  let text: string;
  try {
    text = await readFile(o.file, 'utf8');
  } catch (e) {
    io.stderr.write(`sqs-conformance: error: cannot read ${o.file}: ${(e as Error).message}\n`);
    return 2;
  }
  const parsed = fromJsonl(text);
  if (!parsed.ok) {
    io.stderr.write(`sqs-conformance: error: ${o.file}: ${parsed.error}\n`);
    return 2;
  }
  let profile;
  try {
    profile = loadProfile(o.target ?? parsed.history.header.target);
  } catch {
    profile = loadProfile('endpoint');
  }
  const strictness = o.strictness ?? profile.defaultStrictness;
  // Every suite of the kit is registered: its catalogue and rules judge whatever the history holds.
  const { SUITES } = await import('../../conformance/suites/index.js');
  const set = suiteSet(SUITES);
  const verdict = check(parsed.history, { strictness, tolerance: profile.tolerance, catalog: set.catalog, rules: set.rules });
  const head = `${o.file}: ${parsed.history.ops.length} ops, profile ${profile.name}, strictness ${strictness}: ${verdict.kind.toUpperCase()}`;
  if (verdict.kind === 'divergent') {
    io.stdout.write(`${head}\n\n${verdict.divergences.map((d, i) => renderDivergence(d, i + 1, set.catalog.get(d.id))).join('\n\n')}\n`);
    return 1;
  }
  io.stdout.write(`${head}${verdict.kind === 'unknown' ? ` (${verdict.reason})` : ''}\n`);
  return verdict.kind === 'conformant' ? 0 : 2;
}
