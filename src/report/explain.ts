// Renders a divergence's explanation ("Let …", "Then …") from its data: premises by kind, the
// conclusion from the catalogue entry's template filled with the bindings. Text that came from a
// request or a response is quoted, clipped around its middle (so a rejected last character stays
// visible) and its invisible characters escaped. PURE.
import type { CatalogEntry } from '../catalog/index.js';
import type { Binding, Bindings, CallRef, Divergence, Premise } from '../check/types.js';

const UNBOUNDED_MS = 1e14;
const TEXT_HEAD = 40;
const TEXT_TAIL = 16;

/** Characters a reader cannot see or a terminal would act on: shown as \u escapes. */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028\u2029\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(INVISIBLE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `"…"`, clipped in the middle when long: the start and the end both stay. */
export function quoteText(s: string): string {
  const chars = [...s];
  const shown = chars.length > TEXT_HEAD + TEXT_TAIL + 1 ? `${chars.slice(0, TEXT_HEAD).join('')}…${chars.slice(-TEXT_TAIL).join('')}` : s;
  return `"${escapeText(shown)}"${chars.length > TEXT_HEAD + TEXT_TAIL + 1 ? ` (${chars.length} characters)` : ''}`;
}

export function formatMs(ms: number): string {
  return Math.abs(ms) >= UNBOUNDED_MS ? '∞' : `${Math.round(ms)} ms`;
}

export function formatCall(c: CallRef): string {
  const entry = c.entry !== undefined ? ` entry ${c.entry}` : '';
  return `op ${c.call} (${c.process} ${c.f}${entry}, ${formatMs(c.fromMs)}–${c.toMs === null ? '?' : formatMs(c.toMs)})`;
}

function isCallRef(b: Binding): b is CallRef {
  return typeof b === 'object' && 'call' in b;
}

export function formatBinding(b: Binding): string {
  if (typeof b === 'string') return b;
  if (typeof b === 'number') return String(b);
  if (isCallRef(b)) return formatCall(b);
  if ('ms' in b) return formatMs(b.ms);
  if ('seconds' in b) return `${b.seconds} s`;
  if ('text' in b) return quoteText(b.text);
  if ('error' in b) {
    const e = b.error;
    return `${e.code}${e.httpStatus !== undefined ? ` (HTTP ${e.httpStatus})` : ''}${e.message !== undefined ? ` ${quoteText(e.message)}` : ''}`;
  }
  return b.list.join(', ');
}

/** Fills `{name}` placeholders; an unbound name stays visible as `{name?}` (a catalogue bug). */
export function fillTemplate(template: string, values: Bindings): string {
  return template.replace(/\{([A-Za-z][\w-]*)\}/g, (_, name: string) => (Object.hasOwn(values, name) ? formatBinding(values[name]!) : `{${name}?}`));
}

export function renderPremise(p: Premise): string {
  switch (p.kind) {
    case 'sent':
      return `Let ${p.message} be the message sent by ${formatCall(p.send)}${p.delaySeconds > 0 ? `, delay ${p.delaySeconds} s` : ''}.`;
    case 'received':
      return p.known
        ? `Let ${formatCall(p.receive)} receive ${p.message} with VisibilityTimeout ${p.visibilityTimeout} s (receive ${p.count}).`
        : `Let ${formatCall(p.receive)} (outcome unknown) have received ${p.message} with VisibilityTimeout ${p.visibilityTimeout} s (receive ${p.count}).`;
    case 'handle': {
      const verb = p.action === 'DeleteMessage' ? 'DeleteMessage' : `ChangeMessageVisibility(${p.visibilityTimeout ?? 0} s)`;
      const outcome = p.outcome === 'ok' ? 'succeeded' : p.outcome === 'unknown' ? 'has an unknown outcome' : `failed with ${p.outcome.code}`;
      return `Let ${formatCall(p.use)} ${verb} ${outcome} (handle ${p.status}${p.effect !== 'none' ? `, ${p.effect}` : ''}).`;
    }
    case 'fact':
      return `Let ${fillTemplate(p.template, p.values)}`;
  }
}

/**
 * The lines of a divergence's explanation. `entry` is its catalogue entry (a report carries the
 * entries of the ids it mentions); without one the summary stands in for the conclusion.
 */
export function explainDivergence(d: Pick<Divergence, 'premises' | 'variant' | 'bindings' | 'epsilonMs' | 'summary'>, entry: CatalogEntry | undefined): string[] {
  const lines = d.premises.map(renderPremise);
  const template = entry?.explain[d.variant] ?? entry?.explain.default;
  lines.push(`Then ${template ? fillTemplate(template, d.bindings) : d.summary}`);
  if (d.premises.length > 0 && d.epsilonMs !== undefined) lines.push(`(Times are windows widened by ε = ${d.epsilonMs} ms.)`);
  return lines;
}
