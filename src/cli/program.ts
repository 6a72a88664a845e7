// The command line → a command, PURE: commander is configured to throw instead of exiting and to
// write into strings instead of the terminal, with the commands of commands/index.ts registered on
// it; each command validates what commander parsed. runCli then runs the chosen command, or prints
// the help, the version or one error line.
import { Command, CommanderError, type OptionValues } from 'commander';
import { KIT_COMMAND } from '../runner/replay.js';
import { COMMANDS } from './commands/index.js';
import { EXIT, type CliDeps, type CliIO, type CommandDefinition } from './contracts.js';
import { errorLine } from './io.js';

export type ParsedCli =
  /** A command and its validated options. */
  | { kind: 'command'; name: string; options: unknown }
  /** Help or version text for stdout; exit 0. */
  | { kind: 'print'; text: string }
  /** A usage error: one line, exit 2. */
  | { kind: 'error'; error: string };

interface Sink {
  out: string;
  chosen?: { command: CommandDefinition<unknown>; raw: OptionValues; args: string[] };
}

/** The commander program, with actions that only record what was asked. */
export function buildProgram(version: string, commands: readonly CommandDefinition<unknown>[], sink: Sink): Command {
  const program = new Command('sqs-conformance')
    .description('Judges how faithfully a server behaves like Amazon SQS.')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void (sink.out += s),
      // Errors reach the caller as a CommanderError and are printed there, once.
      writeErr: () => {},
      outputError: () => {},
      // No terminal look-ups: a fixed width and no colours keep parsing pure.
      getOutHelpWidth: () => 100,
      getErrHelpWidth: () => 100,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .showSuggestionAfterError(true)
    .allowExcessArguments(false);
  for (const command of commands) {
    const c = program.command(command.name);
    command.define(c);
    c.action((...parts: unknown[]) => {
      const self = parts[parts.length - 1] as Command;
      sink.chosen = { command, raw: self.opts(), args: [...self.args] };
    });
  }
  return program;
}

/** One line from a commander message: `error: ` prefix dropped, lines joined. */
function commanderLine(message: string): string {
  return message
    .replace(/^error:\s*/i, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' ');
}

/** Parses the whole command line (without `node` and the script). No arguments: the help. */
export function parseCli(argv: readonly string[], version: string, commands: readonly CommandDefinition<unknown>[] = COMMANDS): ParsedCli {
  const sink: Sink = { out: '' };
  const program = buildProgram(version, commands, sink);
  if (argv.length === 0) return { kind: 'print', text: program.helpInformation() };
  try {
    program.parse([...argv], { from: 'user' });
  } catch (e) {
    if (!(e instanceof CommanderError)) return { kind: 'error', error: commanderLine(e instanceof Error ? e.message : String(e)) };
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || (e.code === 'commander.help' && sink.out !== '')) return { kind: 'print', text: sink.out };
    if (e.code === 'commander.help' || e.code === 'commander.executeSubCommandAsync') return { kind: 'error', error: `missing command (see: ${KIT_COMMAND} --help)` };
    return { kind: 'error', error: commanderLine(e.message) };
  }
  if (!sink.chosen) return { kind: 'error', error: `missing command (see: ${KIT_COMMAND} --help)` };
  const { command, raw, args } = sink.chosen;
  const v = command.validate(raw, args);
  return v.ok ? { kind: 'command', name: command.name, options: v.value } : { kind: 'error', error: v.error };
}

/** Runs the command line with the given I/O and library; the exit code. */
export async function runCli(argv: readonly string[], io: CliIO, deps: CliDeps, commands: readonly CommandDefinition<unknown>[] = COMMANDS): Promise<number> {
  const parsed = parseCli(argv, deps.version, commands);
  switch (parsed.kind) {
    case 'print':
      io.stdout.write(parsed.text.endsWith('\n') ? parsed.text : `${parsed.text}\n`);
      return EXIT.conformant;
    case 'error':
      errorLine(io, parsed.error);
      return EXIT.usage;
    case 'command':
      return commands.find((c) => c.name === parsed.name)!.run(parsed.options, io, deps);
  }
}

/**
 * Splits a command line as a POSIX shell does for the words the kit prints: blanks separate words,
 * single quotes keep everything, double quotes keep all but `\` before `"`, `\`, `$` and a backquote,
 * a backslash outside quotes keeps the next character. No expansions.
 */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (/\s/.test(ch)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error('unterminated single quote');
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (ch === '"') {
      word ??= '';
      for (i++; i < line.length && line[i] !== '"'; i++) word += line[i] === '\\' && /["\\$`]/.test(line[i + 1] ?? '') ? line[++i] : line[i];
      if (i >= line.length) throw new Error('unterminated double quote');
    } else if (ch === '\\') {
      word = (word ?? '') + (line[++i] ?? '');
    } else word = (word ?? '') + ch;
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** A command line the kit printed (`npx sqs-conformance run …`, e.g. a report's replay line), parsed as the shell and the CLI would. */
export function parseCommandLine(line: string, version = '0.0.0'): ParsedCli {
  const words = shellWords(line);
  const head = shellWords(KIT_COMMAND);
  if (head.some((w, i) => words[i] !== w)) return { kind: 'error', error: `not a ${KIT_COMMAND} command line: ${line}` };
  return parseCli(words.slice(head.length), version);
}
