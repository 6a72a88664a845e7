// The HTML tagged template and its escaping: every interpolated value is escaped unless it is
// already-built markup, so a server's answer (a body, an error message, a queue URL) can never
// become markup. Shared by the run page, its timelines (inline SVG) and the scoreboard.
import { scrub } from './format.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text for an HTML text node or a double- or single-quoted attribute value: control characters and
 * lone surrogates become visible `\u` escapes (four hex digits) (see `scrub`), then `& < > " '` become entities.
 */
export function escapeHtml(s: string): string {
  return scrub(s).replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

/** Markup that is already safe (built by `html` or a constant of this file). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Trusted constant markup (never a value that came from a run). */
export const rawHtml = (s: string): SafeHtml => new SafeHtml(s);

function interpolate(v: unknown): string {
  if (v instanceof SafeHtml) return v.value;
  if (v === undefined || v === null || v === false) return '';
  if (Array.isArray(v)) return v.map(interpolate).join('');
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return escapeHtml(String(v));
}

/** Tagged template: literal parts are markup, every `${value}` is escaped (arrays are joined). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += interpolate(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}
