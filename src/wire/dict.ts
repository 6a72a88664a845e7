// Records keyed by names a client chooses (message attribute names, queue attribute names, tag
// keys): created without a prototype, so `__proto__`, `constructor` or `toString` are ordinary own
// keys. On a `{}`, `o['__proto__'] = v` calls the prototype setter and the entry is lost, and
// `'toString' in o` is true before anything is stored. PURE.

export type Dict<T> = Record<string, T>;

export function dict<T>(): Dict<T> {
  return Object.create(null) as Dict<T>;
}

export function hasOwn(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}
