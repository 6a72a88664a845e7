// `check HISTORY.jsonl`: re-checks a recorded history (a counterexample `run` wrote, or one recorded
// elsewhere) against the model, offline, with every registered suite's catalogue and rules.
// Exit 0 conformant, 1 divergent, 2 usage error or undecided.
import { Option, type OptionValues } from 'commander';
import type { CatalogEntry } from '../../catalog/index.js';
import type { Divergence } from '../../check/index.js';
import type { Strictness } from '../../spec/types.js';
import type { TargetProfile } from '../../target/types.js';
import { EXIT, type CliDeps, type CliIO, type CommandDefinition, type Result } from '../contracts.js';
import { fail, load, messageOf } from '../io.js';
import { checked, err, option, parseName, parseStrictness } from '../parse.js';
import { resolveStrictness } from '../run-options.js';

export interface CheckCommandOptions {
  file: string;
  strictness?: Strictness;
  /** Profile whose tolerances apply (default: the one named in the history, else `endpoint`). */
  target?: string;
}

export function validateCheck(raw: OptionValues, args: readonly string[]): Result<CheckCommandOptions> {
  const file = args[0];
  if (file === undefined || file.trim() === '') return err('check needs a history file (HISTORY.jsonl)');
  const o: CheckCommandOptions = { file };
  return checked(
    o,
    option(raw, 'strictness', parseStrictness, (s) => (o.strictness = s)) ?? option(raw, 'target', (v) => parseName('--target', v), (t) => (o.target = t)),
  );
}

export const checkCommand: CommandDefinition<CheckCommandOptions> = {
  name: 'check',
  define: (c) =>
    void c
      .description('re-check a recorded history (JSONL) against the model, offline')
      .argument('<history>', 'history file, e.g. sqs-conformance-report/histories/visibility#2.jsonl')
      .addOption(new Option('--strictness <level>', 'guaranteed or typical (default: the profile’s)'))
      .addOption(new Option('--target <name>', 'profile whose tolerances apply (default: the history’s target)')),
  validate: validateCheck,
  run: checkHistory,
};

function renderDivergence(d: Divergence, n: number, entry: CatalogEntry | undefined, explain: (d: Divergence, e: CatalogEntry | undefined) => string[]): string {
  return [`${n}. ${d.id}  [${d.strictness}, ${d.grade}]`, `   ${d.summary}`, ...explain(d, entry).map((l) => `   ${l}`), `   ops: ${d.ops.join(', ')}`].join('\n');
}

async function checkHistory(o: CheckCommandOptions, io: CliIO, deps: CliDeps): Promise<number> {
  let text: string;
  try {
    text = await io.readFile(o.file);
  } catch (e) {
    return fail(io, `cannot read ${o.file}: ${messageOf(e)}`);
  }
  const [{ fromJsonl }, { check }, { suiteSet }, { explainDivergence }] = await Promise.all([
    import('../../history/index.js'),
    import('../../check/index.js'),
    import('../../suite/index.js'),
    import('../../report/explain.js'),
  ]);
  const parsed = fromJsonl(text);
  if (!parsed.ok) return fail(io, `${o.file}: ${parsed.error}`);
  const suites = await load(io, 'the suites', () => deps.loadSuites());
  const targets = suites && (await load(io, 'the target profiles', () => deps.loadTargets()));
  if (!suites || !targets?.loadProfile) return EXIT.usage;
  let profile: TargetProfile;
  try {
    profile = targets.loadProfile(o.target ?? parsed.history.header.target);
  } catch (e) {
    if (o.target !== undefined) return fail(io, messageOf(e));
    profile = targets.loadProfile('endpoint');
  }
  const strictness = resolveStrictness(o.strictness, profile);
  // Every registered suite: its catalogue and rules judge whatever the history holds.
  const set = suiteSet(suites);
  const verdict = check(parsed.history, { strictness, tolerance: profile.tolerance, catalog: set.catalog, rules: set.rules });
  const head = `${o.file}: ${parsed.history.ops.length} ops, profile ${profile.name}, strictness ${strictness}: ${verdict.kind.toUpperCase()}`;
  if (verdict.kind === 'divergent') {
    const blocks = verdict.divergences.map((d, i) => renderDivergence(d, i + 1, set.catalog.get(d.id), explainDivergence));
    io.stdout.write(`${head}\n\n${blocks.join('\n\n')}\n`);
    return EXIT.divergent;
  }
  io.stdout.write(`${head}${verdict.kind === 'unknown' ? ` (${verdict.reason})` : ''}\n`);
  return verdict.kind === 'conformant' ? EXIT.conformant : EXIT.usage;
}
