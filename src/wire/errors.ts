// Error envelopes of both protocols (sqs-semantics.md 1.2):
// - JSON: `{"__type": "<namespace>#<Shape>", "message": …}` with `x-amzn-query-error: <Code>;<Sender|Receiver>`
//   (the AWS SDK for JavaScript v3 reads the code from that header: elasticmq#1188);
// - Query: `<ErrorResponse><Error><Type/><Code/><Message/><Detail/></Error><RequestId/></ErrorResponse>` (xml.ts).
// PURE.
import { jsonErrorType } from './model.js';
import { xmlError } from './xml.js';

/** What an error envelope needs: the query code, the JSON type name, the status and the text. */
export interface WireErrorValue {
  code: string;
  type: string;
  httpStatus: number;
  message: string;
}

export interface EncodedError {
  status: number;
  contentType: string;
  headers: Record<string, string>;
  body: string;
}

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.0';

/** 5xx are the service's fault (Receiver), the rest the caller's (Sender) (sqs-semantics.md 1.3-1.4). */
export function faultOf(httpStatus: number): 'Sender' | 'Receiver' {
  return httpStatus >= 500 ? 'Receiver' : 'Sender';
}

export function jsonErrorResponse(e: WireErrorValue): EncodedError {
  return {
    status: e.httpStatus,
    contentType: JSON_CONTENT_TYPE,
    headers: { 'x-amzn-query-error': `${e.code};${faultOf(e.httpStatus)}` },
    body: JSON.stringify({ __type: jsonErrorType(e.type), message: e.message }),
  };
}

export function queryErrorResponse(e: WireErrorValue, requestId: string): EncodedError {
  return { status: e.httpStatus, contentType: 'text/xml', headers: {}, body: xmlError(faultOf(e.httpStatus), e.code, e.message, requestId) };
}
