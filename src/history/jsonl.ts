import { HISTORY_SCHEMA_VERSION, type History, type HistoryHeader, type Op } from './types.js';

/** One JSON object per line: the header first, then every op in order. Pure string codec. */
export function toJsonl(history: History): string {
  const lines = [JSON.stringify({ header: history.header })];
  for (const op of history.ops) lines.push(JSON.stringify(op));
  return lines.join('\n') + '\n';
}

export type ParseResult = { ok: true; history: History } | { ok: false; error: string };

export function fromJsonl(text: string): ParseResult {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) return { ok: false, error: 'empty history file' };
  let header: HistoryHeader;
  try {
    const first = JSON.parse(lines[0]!) as { header?: HistoryHeader };
    if (!first.header) return { ok: false, error: 'line 1: missing history header' };
    header = first.header;
  } catch (e) {
    return { ok: false, error: `line 1: ${(e as Error).message}` };
  }
  if (header.schemaVersion !== HISTORY_SCHEMA_VERSION) {
    return { ok: false, error: `unsupported history schema version ${String(header.schemaVersion)} (expected ${HISTORY_SCHEMA_VERSION})` };
  }
  const ops: Op[] = [];
  for (let i = 1; i < lines.length; i++) {
    try {
      const op = JSON.parse(lines[i]!) as Op;
      if (typeof op.index !== 'number' || typeof op.type !== 'string' || typeof op.time !== 'number') {
        return { ok: false, error: `line ${i + 1}: not an op` };
      }
      ops.push(op);
    } catch (e) {
      return { ok: false, error: `line ${i + 1}: ${(e as Error).message}` };
    }
  }
  return { ok: true, history: { header, ops } };
}
