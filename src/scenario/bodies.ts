// Message bodies: unique per scenario (the checker identifies messages by MessageId and body), and
// sometimes non-ASCII to check that bodies come back byte-exact (aws-recorded-facts.md A1 item 3).

const UNICODE_SAMPLE = 'é ß ✓ 日本 \u{1F600} \t\r\n &quot; <x/>';

/** A body for the n-th send of a process, optionally padded to a size in UTF-8 bytes. */
export function bodyFor(tag: string, process: number, n: number, options: { size?: number; unicode?: boolean } = {}): string {
  let body = `${tag}.p${process}.m${n}`;
  if (options.unicode) body += ` ${UNICODE_SAMPLE}`;
  const size = options.size ?? 0;
  const bytes = Buffer.byteLength(body, 'utf8');
  if (size > bytes) body += '.'.repeat(size - bytes);
  return body;
}

/** A string of exactly `bytes` UTF-8 bytes (ASCII), starting with a unique tag. */
export function bodyOfBytes(tag: string, bytes: number): string {
  const head = `${tag}:`;
  if (bytes <= head.length) return 'x'.repeat(Math.max(0, bytes));
  return head + 'x'.repeat(bytes - head.length);
}
