// Short constructors for the source of a rule: a section of ../shared/reference/sqs-semantics.md or
// an item of aws-recorded-facts.md, with how it is known. PURE.
import type { SourceRef } from '../spec/types.js';

export const sem = (section: string, evidence: SourceRef['evidence'] = 'documented'): SourceRef => ({ file: 'sqs-semantics.md', section, evidence });
export const rec = (section: string): SourceRef => ({ file: 'aws-recorded-facts.md', section, evidence: 'recorded' });
