// src/wire: the SQS operations and shapes, derived once from the official Smithy model
// (shapes.generated.ts, written by scripts/derive-wire.mjs from shared/aws-models/sqs.json), and
// the AWS JSON 1.0 and Query codecs that the reference server (src/server) and the Query client
// (src/target) both use: request parsing and encoding, response encoding and decoding, and the
// error envelopes of sqs-semantics.md section 1. Every user-named key (attribute names, tag keys)
// goes into a prototype-less record, so none is lost on the way.
// May import: src/spec (error tables) and src/history types; fast-xml-parser. No network, no SDK;
// imports neither src/server nor src/target.
export * from './model.js';
export * from './dict.js';
export * from './json.js';
export * from './query.js';
export * from './xml.js';
export * from './errors.js';
