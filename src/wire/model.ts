// Lookups into the wire table (shapes.generated.ts; its types are in types.ts). A shape is named by its
// Smithy id without the `com.amazonaws.sqs#` namespace; members refer to shapes by that name.
// Smithy semantics (smithy.io, "XML bindings" and "AWS query protocol"): a member's `xmlName`
// names its Query parameter and XML element; `xmlFlattened` lists and maps repeat that name
// instead of nesting `member` / `entry` elements. PURE.
import type { Action } from '../history/index.js';
import type { ListShape, MapShape, StructShape, WireError, WireMember, WireOperation, WireShape } from './types.js';
import { WIRE } from './shapes.generated.js';

export type { ScalarType, WireMember, WireShape, WireOperation, WireError, WireModel, StructShape, ListShape, MapShape } from './types.js';

export { WIRE };

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** True for the 23 SQS operations; an own-property check, so `constructor` or `__proto__` is not one. */
export function isOperation(name: string): name is Action {
  return hasOwn(WIRE.operations, name);
}

export function operationOf(name: string): WireOperation | undefined {
  return isOperation(name) ? WIRE.operations[name] : undefined;
}

export function shapeOf(name: string): WireShape {
  const s = hasOwn(WIRE.shapes, name) ? WIRE.shapes[name] : undefined;
  if (!s) throw new Error(`wire: no shape ${name}`);
  return s;
}

export function structOf(name: string): StructShape {
  const s = shapeOf(name);
  if (s.type !== 'structure') throw new Error(`wire: ${name} is not a structure`);
  return s;
}

/** The modelled error shape `name`, if the model has it. */
export function modelledError(name: string): WireError | undefined {
  return hasOwn(WIRE.errors, name) ? WIRE.errors[name] : undefined;
}

/** JSON `__type` of an error: `com.amazonaws.sqs#<Shape>` when modelled, else the service framework's `com.amazon.coral.service#<Type>` (sqs-semantics.md 1.2). */
export function jsonErrorType(type: string): string {
  return modelledError(type) ? `${WIRE.service.namespace}#${type}` : `com.amazon.coral.service#${type}`;
}

/** The Query protocol's XML namespace for the model's API version (sqs-semantics.md 1.1; aws-recorded-facts.md item 122). */
export const XML_NAMESPACE = `http://queue.amazonaws.com/doc/${WIRE.service.version}/`;
export const API_VERSION = WIRE.service.version;
export const TARGET_PREFIX = WIRE.service.targetPrefix;

/** A struct member's Query parameter segment and XML element name: its xmlName, else its name. */
export function wireName(memberName: string, member: WireMember): string {
  return member.xmlName ?? memberName;
}


/** The element between a list and its items: none when flattened, else the member's xmlName or `member`. */
export function listItemName(list: ListShape, flattened: boolean): string | undefined {
  return flattened ? undefined : (list.memberXmlName ?? 'member');
}

/** Names of a map's parts: the entry element (none when flattened), the key and the value. */
export function mapNames(map: MapShape, flattened: boolean): { entry?: string; key: string; value: string } {
  const kv = { key: map.keyXmlName ?? 'key', value: map.valueXmlName ?? 'value' };
  return flattened ? kv : { entry: 'entry', ...kv };
}
