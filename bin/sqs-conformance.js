#!/usr/bin/env node
// The `sqs-conformance` command: runs the compiled CLI (npm install builds dist/ via `prepare`).
import '../dist/src/cli/main.js';
