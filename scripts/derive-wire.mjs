#!/usr/bin/env node
// Writes src/wire/shapes.generated.ts from the official Smithy model of SQS.
// Usage: npm run derive:wire [-- path/to/sqs.json]   (default ../shared/aws-models/sqs.json)
// The derivation itself is src/wire/derive.ts (built into dist/ first by the npm script).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const modelPath = resolve(process.argv[2] ?? join(root, '..', 'shared', 'aws-models', 'sqs.json'));
const { deriveWireModel, renderWireModel } = await import(join(root, 'dist', 'src', 'wire', 'derive.js'));

if (!existsSync(modelPath)) {
  console.error(`derive-wire: no model at ${modelPath}; pass the path of sqs.json (shared/aws-models/sqs.json)`);
  process.exit(2);
}
const bytes = readFileSync(modelPath);
const sha256 = createHash('sha256').update(bytes).digest('hex');
const table = deriveWireModel(JSON.parse(bytes.toString('utf8')), sha256);
const out = join(root, 'src', 'wire', 'shapes.generated.ts');
// Named as shared/ names it, whatever the path it was read from: the output does not depend on the checkout.
writeFileSync(out, renderWireModel(table, `shared/aws-models/${basename(modelPath)}`));
console.log(`wrote ${relative(process.cwd(), out)}: ${Object.keys(table.operations).length} operations, ${Object.keys(table.shapes).length} shapes, ${Object.keys(table.errors).length} errors (model sha256 ${sha256.slice(0, 12)}…)`);
