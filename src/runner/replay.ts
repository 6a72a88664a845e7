// The command lines the kit prints for a user to paste: the replay of a counterexample. Each runs
// as printed in a POSIX shell (`npx` finds the package's bin; values a shell would split or expand
// are single-quoted). The CLI parses them back (test/cli/replay-lines.test.ts).
import type { Strictness } from '../spec/types.js';

/** How a user runs the kit from a shell: every command line the kit prints starts with it. */
export const KIT_COMMAND = 'npx sqs-conformance';

/**
 * A word for a POSIX shell or zsh: as is when plain, else single-quoted. `#` is quoted too: bash
 * reads it literally inside a word, but zsh with EXTENDED_GLOB takes `visibility#3` for a pattern.
 */
export function shellArg(s: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export interface ReplayLine {
  /** How the target is named, e.g. ` --target fauxqs` (words already quoted), or '' for the reference server. */
  targetArgs: string;
  suite: string;
  seed: number;
  strictness: Strictness;
  /** Property instance, `name#index`. */
  property: string;
  /** fast-check path of the counterexample. */
  path: string;
}

/** The command that replays one property instance's counterexample against the same target. */
export function replayCommand(r: ReplayLine): string {
  const words = ['--suite', r.suite, '--seed', String(r.seed), '--strictness', r.strictness, '--replay', `${r.property}:${r.path}`];
  return `${KIT_COMMAND} run${r.targetArgs} ${words.map(shellArg).join(' ')}`;
}
