// The files of one run's report folder: the reports asked for and each counterexample's history
// (`histories/<property>.jsonl`, for `npx sqs-conformance check FILE`). `run` writes them to --out,
// `matrix` to <out>/<target>/.
import { toJsonl } from '../history/index.js';
import { REPORT_FILES, renderers, type RenderExtras, type ReportKind } from '../report/index.js';
import type { RunReport } from '../runner/types.js';
import type { OutFile } from './io.js';

export function reportFiles(report: RunReport, kinds: readonly ReportKind[], extras: RenderExtras = {}): OutFile[] {
  const files: OutFile[] = kinds.map((kind) => ({ file: REPORT_FILES[kind], content: renderers[kind](report, extras) }));
  for (const p of report.properties) {
    if (!p.counterexample) continue;
    files.push({ file: historyFile(p.property), content: toJsonl(p.counterexample.history) });
  }
  return files;
}

/** Where a property instance's counterexample history goes, relative to the report folder. */
export function historyFile(property: string): string {
  return `histories/${property.replace(/[^A-Za-z0-9#._-]/g, '_')}.jsonl`;
}
