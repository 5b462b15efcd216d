/**
 * eventId: a UUID v5 that is the same every time the same source record is normalized, whatever
 * its export shape. Built from the record's natural identity (computer, provider, record id,
 * creation time to the millisecond); a record without a record id falls back to the SHA-256 of
 * its canonical JSON (sorted keys), so byte-identical records collapse into one (tailing.md §3).
 */
import { createHash, hash } from 'node:crypto';
import { isPlainObject } from './source-record.js';

const XDR_TAIL_NAMESPACE = '6c1d4f0e-5b7a-4f57-9b3e-2f0e8b6c9a41';

export interface NaturalIdentity {
  readonly computer: string | undefined;
  readonly provider: string | undefined;
  readonly recordId: number | undefined;
  readonly timeMs: number;
}

export function naturalEventKey(identity: NaturalIdentity): string | undefined {
  if (identity.recordId === undefined || identity.computer === undefined || identity.provider === undefined) return undefined;
  return `record|${identity.computer.toLowerCase()}|${identity.provider.toLowerCase()}|${identity.recordId}|${identity.timeMs}`;
}

export function contentEventKey(record: unknown): string {
  return `content|${createHash('sha256').update(canonicalJson(record)).digest('hex')}`;
}

const NAMESPACE_BYTES = Buffer.from(XDR_TAIL_NAMESPACE.replace(/-/g, ''), 'hex');
/** namespace followed by the key, reused: a one-shot hash of one buffer is several times cheaper than a Hash object */
const SCRATCH = Buffer.alloc(4096);
NAMESPACE_BYTES.copy(SCRATCH, 0);
const VARIANT = '89ab';

/** RFC 9562 UUID version 5 (SHA-1, name-based) of `key` in the XDR Tail namespace. */
export function eventUuid(key: string): string {
  const written = SCRATCH.write(key, NAMESPACE_BYTES.length, 'utf8');
  const hex = written < SCRATCH.length - NAMESPACE_BYTES.length
    ? hash('sha1', SCRATCH.subarray(0, NAMESPACE_BYTES.length + written), 'hex')
    : createHash('sha1').update(NAMESPACE_BYTES).update(key, 'utf8').digest('hex');
  const variant = VARIANT[Number.parseInt(hex.charAt(16), 16) & 0x3] ?? '8';
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** JSON with object keys sorted at every level; iterative, so nesting depth cannot exhaust the stack. */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  type Frame = { kind: 'value'; value: unknown } | { kind: 'text'; text: string };
  const stack: Frame[] = [{ kind: 'value', value }];
  while (stack.length > 0) {
    const frame = stack.pop();
    if (frame === undefined) break;
    if (frame.kind === 'text') {
      out.push(frame.text);
      continue;
    }
    const current = frame.value;
    if (Array.isArray(current)) {
      const items: unknown[] = current;
      stack.push({ kind: 'text', text: ']' });
      for (let i = items.length - 1; i >= 0; i--) {
        stack.push({ kind: 'value', value: items[i] });
        if (i > 0) stack.push({ kind: 'text', text: ',' });
      }
      out.push('[');
    } else if (isPlainObject(current)) {
      const keys = Object.keys(current).sort();
      stack.push({ kind: 'text', text: '}' });
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] ?? '';
        stack.push({ kind: 'value', value: current[key] });
        stack.push({ kind: 'text', text: `${i > 0 ? ',' : ''}${JSON.stringify(key)}:` });
      }
      out.push('{');
    } else {
      out.push(JSON.stringify(current) ?? 'null');
    }
  }
  return out.join('');
}
