// `suites`: what each registered suite covers: its description, the capabilities a target needs
// for it, the SQS actions it declares, where its rules are written, and each property with what it
// generates and the SQS actions its steps send (derived from its scenarios: src/suite/actions.ts).
import { suiteActions, type SuiteDefinition } from '../../suite/index.js';
import { KIT_COMMAND, shellArg } from '../../runner/replay.js';
import { EXIT, type CommandDefinition } from '../contracts.js';
import { load } from '../io.js';
import { ok } from '../parse.js';

export const suitesCommand: CommandDefinition<Record<string, never>> = {
  name: 'suites',
  define: (c) => void c.description('list the suites: what each covers, the capabilities it needs, the SQS actions it sends, its properties and the actions each sends'),
  validate: () => ok({}),
  async run(_o, io, deps) {
    const suites = await load(io, 'the suites', () => deps.loadSuites());
    if (!suites) return EXIT.usage;
    io.stdout.write(renderSuites(suites));
    return EXIT.conformant;
  },
};

const needs = (requires: readonly string[] | undefined): string => (requires && requires.length > 0 ? requires.join(', ') : '');

/** The listing, PURE: a block per suite, then one command to run a property. */
export function renderSuites(suites: readonly SuiteDefinition[]): string {
  const lines: string[] = [];
  for (const s of suites) {
    const covered = suiteActions(s);
    const queues = [...new Set(covered.flatMap((p) => p.queues))];
    lines.push(`${s.name}  ${s.description}`);
    lines.push(`  needs       ${needs(s.requires) || 'no capability beyond the basics'}`);
    lines.push(`  actions     ${s.actions.join(', ') || '(none)'}`);
    if (queues.length > 0) lines.push(`  queues      ${queues.join(', ')} (the runner: each scenario's queues created, read, drained, deleted)`);
    if (s.sources.length > 0) lines.push(`  sources     ${s.sources.join('; ')}`);
    lines.push('  properties');
    const w = Math.max(0, ...s.properties.map((p) => p.name.length));
    for (const p of s.properties) {
      const extra = needs(p.requires) ? `; needs ${needs(p.requires)}` : '';
      lines.push(`    ${p.name.padEnd(w)}  ${p.description} (${p.runs} scenario${p.runs === 1 ? '' : 's'}${extra})`);
      const sends = covered.find((c) => c.property === p.name)?.steps ?? [];
      lines.push(`    ${' '.repeat(w)}  sends ${sends.join(', ') || 'nothing of its own'}`);
    }
    lines.push('');
  }
  const first = suites.find((s) => s.properties.length > 0);
  if (first) lines.push(`Run one property: ${KIT_COMMAND} run --suite ${shellArg(first.name)} --property ${shellArg(first.properties[0]!.name)}`);
  else lines.push('No suite is registered.');
  return `${lines.join('\n')}\n`;
}
