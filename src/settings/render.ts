// Renderers of a settings check: text for people, JSON for machines, SARIF 2.1.0 for code
// scanning (GitHub, VS Code). PURE: strings in, strings out.
import { RULES, ruleMeta } from './rules/index.js';
import type { CheckResult, Finding, Severity } from './types.js';

export const SETTINGS_FORMATS = ['text', 'json', 'sarif'] as const;
export type SettingsFormat = (typeof SETTINGS_FORMATS)[number];

export const SETTINGS_SCHEMA_VERSION = 1;

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function sorted(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => Number(!!a.suppressed) - Number(!!b.suppressed) || ORDER[a.severity] - ORDER[b.severity] || a.resource.localeCompare(b.resource) || a.ruleId.localeCompare(b.ruleId, 'en', { numeric: true }),
  );
}

function where(f: Finding): string {
  const l = f.location;
  const name = f.resourceName && f.resourceName !== l.logicalId ? ` (${f.resourceName})` : '';
  if (l.logicalId) return `${l.stack ? `${l.stack}/` : ''}${l.logicalId}${name}`;
  return f.resource;
}

export function renderSettingsText(result: CheckResult): string {
  const lines: string[] = [];
  const src = result.model.source;
  const queues = result.model.queues.filter((q) => !q.contextOnly).length;
  lines.push(`sqs-conformance check-settings: ${queues} queue${queues === 1 ? '' : 's'} from ${src.path ?? src.kind}`);
  lines.push('');
  for (const f of sorted(result.findings)) {
    if (f.suppressed) {
      lines.push(`${'suppressed'.padEnd(10)} ${f.ruleId.padEnd(7)} ${where(f)}: ${f.suppressed.reason}`);
      continue;
    }
    const tag = f.severity;
    lines.push(`${tag.padEnd(10)} ${f.ruleId.padEnd(7)} ${where(f)}`);
    lines.push(`           ${f.message}`);
    if (f.external.length > 0) lines.push(`           also: ${f.external.join(', ')}`);
    if (f.location.file && f.location.logicalId) lines.push(`           in: ${f.location.file}${f.location.line ? `:${f.location.line}` : ''}`);
  }
  for (const n of result.model.notes) lines.push(`note       ${n}`);
  if (result.findings.length > 0 || result.model.notes.length > 0) lines.push('');
  const c = result.counts;
  lines.push(
    `${c.error} error${c.error === 1 ? '' : 's'}, ${c.warning} warning${c.warning === 1 ? '' : 's'}, ${c.info} info${result.suppressedCount ? `, ${result.suppressedCount} suppressed` : ''}` +
      (c.error > 0 ? ' — fails' : ''),
  );
  return `${lines.join('\n')}\n`;
}

export function renderSettingsJson(result: CheckResult): string {
  const out = {
    schemaVersion: SETTINGS_SCHEMA_VERSION,
    source: result.model.source,
    queues: result.model.queues.map((q) => ({
      id: q.id,
      ...(q.name ? { name: q.name } : {}),
      ...(q.arn ? { arn: q.arn } : {}),
      fifo: q.fifo,
      location: q.location,
      attributes: q.attributes,
      ...(q.contextOnly ? { contextOnly: true } : {}),
    })),
    counts: result.counts,
    suppressed: result.suppressedCount,
    findings: sorted(result.findings),
    notes: result.model.notes,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0: one run, the rule catalogue as the driver's rules, one result per finding. */
export function renderSettingsSarif(result: CheckResult, version = '0.0.0'): string {
  const rules = RULES.map(ruleMeta);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = sorted(result.findings).map((f) => {
    const loc = f.location;
    const physical = loc.file && !/^https?:/.test(loc.file)
      ? { physicalLocation: { artifactLocation: { uri: loc.file.split('\\').join('/') }, ...(loc.line ? { region: { startLine: loc.line } } : {}) } }
      : {};
    const r: Record<string, unknown> = {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId) ?? -1,
      level: SARIF_LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          ...physical,
          logicalLocations: [{ name: f.resourceName ?? loc.logicalId ?? f.resource, fullyQualifiedName: loc.constructPath ?? f.resource, kind: 'resource' }],
        },
      ],
      properties: { resource: f.resource, related: f.related, values: f.values, external: f.external },
    };
    if (f.suppressed) r['suppressions'] = [{ kind: f.suppressed.origin === 'cli' ? 'external' : 'inSource', justification: f.suppressed.reason }];
    return r;
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'sqs-conformance',
            version,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.name,
              shortDescription: { text: r.title },
              fullDescription: { text: r.explanation },
              help: { text: `${r.explanation}\nSource: ${r.source}` },
              defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
              properties: { external: r.external, source: r.source },
            })),
          },
        },
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

export function renderSettings(result: CheckResult, format: SettingsFormat, version?: string): string {
  switch (format) {
    case 'text':
      return renderSettingsText(result);
    case 'json':
      return renderSettingsJson(result);
    case 'sarif':
      return renderSettingsSarif(result, version);
  }
}
