// The types of the wire table (shapes.generated.ts, which imports only this file, so the table and
// its lookups in model.ts form no import cycle). A shape is named by its Smithy id without the
// `com.amazonaws.sqs#` namespace; members refer to shapes by that name. PURE.
import type { Action } from '../history/index.js';

export type ScalarType = 'string' | 'enum' | 'integer' | 'long' | 'boolean' | 'blob';

export interface WireMember {
  target: string;
  /** `smithy.api#xmlName`: the Query / XML name; absent = the member name. */
  xmlName?: string;
  /** `smithy.api#xmlFlattened` (lists and maps only). */
  flattened?: true;
}

export type WireShape =
  | { type: ScalarType }
  | { type: 'list'; member: string; memberXmlName?: string }
  | { type: 'map'; key: string; value: string; keyXmlName?: string; valueXmlName?: string }
  | { type: 'structure'; members: Record<string, WireMember> };

export interface WireOperation {
  input: string;
  /** Absent for `smithy.api#Unit` (the operation answers nothing). */
  output?: string;
  /** Error shape names the operation declares. */
  errors: string[];
}

export interface WireError {
  /** `aws.protocols#awsQueryError` code, else the shape name (Query `Code`, `x-amzn-query-error`). */
  code: string;
  /** `smithy.api#httpError`, else 400 (client) / 500 (server). */
  httpStatus: number;
  /** `smithy.api#error`: client → Sender, server → Receiver. */
  fault: 'Sender' | 'Receiver';
}

export interface WireModel {
  service: {
    /** Service shape name: the awsJson1_0 `X-Amz-Target` prefix. */
    targetPrefix: string;
    /** API version: the Query `Version` parameter and the XML namespace's last segment. */
    version: string;
    /** Namespace of modelled shapes: JSON `__type` is `<namespace>#<Shape>`. */
    namespace: string;
    /** SHA-256 of the model file the table was derived from. */
    modelSha256: string;
  };
  operations: Record<Action, WireOperation>;
  shapes: Record<string, WireShape>;
  errors: Record<string, WireError>;
}

export type StructShape = Extract<WireShape, { type: 'structure' }>;
export type ListShape = Extract<WireShape, { type: 'list' }>;
export type MapShape = Extract<WireShape, { type: 'map' }>;
