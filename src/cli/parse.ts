// The value parsers every command uses, PURE: each returns a Result whose error is one line naming
// the flag and quoting the value (shortened, control characters replaced).
import type { OptionValues } from 'commander';
import { REPORT_KINDS, isReportKind, type ReportKind } from '../report/index.js';
import type { Strictness } from '../spec/types.js';
import type { Result } from './contracts.js';

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = <T>(error: string): Result<T> => ({ ok: false, error });

/** Applies a parsed value; gives the error, if any. */
export function apply<T>(r: Result<T>, set: (v: T) => void): string | undefined {
  if (!r.ok) return r.error;
  set(r.value);
  return undefined;
}

/**
 * Option `key` as commander parsed it, when given as a string: parsed and applied; gives the error,
 * if any. Validators chain them with `??`, so the first problem is the error.
 */
export function option<T>(raw: OptionValues, key: string, parse: (v: string) => Result<T>, set: (v: T) => void): string | undefined {
  const v: unknown = raw[key];
  return typeof v === 'string' ? apply(parse(v), set) : undefined;
}

/** The options when no check found a problem, else the problem. */
export const checked = <T>(value: T, problem: string | undefined): Result<T> => (problem === undefined ? ok(value) : err(problem));

/** Quotes a user-supplied value for an error line, shortened and without control characters. */
export function quote(v: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = v.replace(/[\u0000-\u001F\u007F-\u009F]/g, '?');
  return `'${clean.length > 60 ? `${clean.slice(0, 59)}…` : clean}'`;
}

/** A decimal integer within [min, max]; no signs other than a leading minus, no exponents, no hex. */
export function parseInteger(flag: string, raw: string, min: number, max: number): Result<number> {
  const s = raw.trim();
  if (!/^-?\d+$/.test(s)) return err(`${flag} must be an integer, got ${quote(raw)}`);
  const n = Number(s);
  if (!Number.isSafeInteger(n) || n < min || n > max) return err(`${flag} must be between ${min} and ${max}, got ${quote(raw)}`);
  return ok(n);
}

/** Seconds: an integer, optionally with a unit (s, m, h, d): `90`, `15m`, `4d`. */
export function parseSeconds(flag: string, raw: string, max = 100 * 86_400): Result<number> {
  const m = /^(\d+)(s|m|h|d)?$/.exec(raw.trim());
  if (!m) return err(`${flag} must be a whole number of seconds (or with m, h, d), got ${quote(raw)}`);
  const n = Number(m[1]) * ({ s: 1, m: 60, h: 3600, d: 86_400 } as const)[(m[2] ?? 's') as 's' | 'm' | 'h' | 'd'];
  if (!Number.isSafeInteger(n) || n > max) return err(`${flag} is too large: ${quote(raw)}`);
  return ok(n);
}

/** Comma-separated list (flags may also repeat): trimmed, empty items dropped, duplicates removed. */
export function parseList(raw: string): string[] {
  return [...new Set(raw.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
}

/** Commander's argParser for a list flag that may repeat: `--suite a --suite b` is `a,b`. */
export const collect = (value: string, previous: string | undefined): string => (previous === undefined ? value : `${previous},${value}`);

/** Commander's argParser for a flag whose every occurrence is one item (values may contain commas). */
export const repeat = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function parseName(flag: string, raw: string): Result<string> {
  const s = raw.trim();
  if (!NAME.test(s)) return err(`${flag} must be a name of letters, digits, '.', '_' or '-', got ${quote(raw)}`);
  return ok(s);
}

/** A list of names (`--suite a,b`): at least one, each a name. */
export function parseNames(flag: string, raw: string): Result<string[]> {
  const list = parseList(raw);
  if (list.length === 0) return err(`${flag} needs at least one name`);
  for (const n of list) {
    const r = parseName(flag, n);
    if (!r.ok) return r;
  }
  return ok(list);
}

export function parseRegion(flag: string, raw: string): Result<string> {
  const s = raw.trim();
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(s)) return err(`${flag} must look like us-east-1, got ${quote(raw)}`);
  return ok(s);
}

/** An http(s) URL without credentials, trailing slashes dropped. */
export function parseUrl(flag: string, raw: string): Result<string> {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return err(`${flag} must be an http(s) URL, got ${quote(raw)}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return err(`${flag} must be an http(s) URL, got ${quote(raw)}`);
  if (u.username !== '' || u.password !== '') return err(`${flag} must not carry credentials; use the environment or a target profile`);
  return ok(raw.trim().replace(/\/+$/, ''));
}

const STRICTNESS: readonly Strictness[] = ['guaranteed', 'typical'];

export function parseStrictness(raw: string): Result<Strictness> {
  const s = raw.trim();
  if ((STRICTNESS as readonly string[]).includes(s)) return ok(s as Strictness);
  return err(`unknown strictness ${quote(raw)} (choose from ${STRICTNESS.join(', ')})`);
}

export function parseReportKinds(raw: string): Result<ReportKind[]> {
  const items = parseList(raw);
  if (items.length === 0) return err(`--report needs at least one of ${REPORT_KINDS.join(', ')}`);
  const bad = items.filter((k) => !isReportKind(k));
  if (bad.length > 0) return err(`unknown report kind ${bad.map(quote).join(', ')} (choose from ${REPORT_KINDS.join(', ')})`);
  return ok(items as ReportKind[]);
}

/** One of a fixed list of words. */
export function oneOf<T extends string>(flag: string, raw: string, choices: readonly T[]): Result<T> {
  const s = raw.trim();
  return (choices as readonly string[]).includes(s) ? ok(s as T) : err(`${flag} must be one of ${choices.join(', ')}, got ${quote(raw)}`);
}

/** A non-empty path for `flag` (a folder or a file, as `what` says). */
export function parsePath(flag: string, raw: string, what: 'folder' | 'file'): Result<string> {
  return raw.trim() === '' ? err(`${flag} needs a ${what}`) : ok(raw);
}
