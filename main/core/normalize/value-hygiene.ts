/** Value hygiene and coercions shared by every token rule (windows-events.md §10.5). */
import { isIPv6 } from 'node:net';

const ZERO_GUID = /^\{?0{8}-0{4}-0{4}-0{4}-0{12}\}?$/;

/** `-`, empty text, null and the all-zero GUID mean "not present". */
export function isAbsent(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') {
    const length = value.length;
    // fast path: nothing to trim (the common case), so no new string
    if (length > 1 && value.charCodeAt(0) > 32 && value.charCodeAt(length - 1) > 32) {
      return length >= 36 && length <= 38 && ZERO_GUID.test(value);
    }
    const trimmed = value.trim();
    return trimmed === '' || trimmed === '-' || (trimmed.length >= 36 && ZERO_GUID.test(trimmed));
  }
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

export function toText(value: unknown): string | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

/** Decimal or `0x` hexadecimal, as number or text; undefined unless a safe integer. */
export function toInteger(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  let parsed: number;
  if (/^-?\d{1,16}$/.test(text)) parsed = Number(text);
  else if (/^0x[0-9a-f]{1,13}$/i.test(text)) parsed = Number.parseInt(text.slice(2), 16);
  else return undefined;
  return Number.isSafeInteger(parsed) ? parsed : undefined;
}

/** Logon IDs, status and option codes: lower-case `0x…` text (PowerShell exports them as numbers). */
export function toHexCode(value: unknown): string | undefined {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) return undefined;
    return `0x${(value < 0 ? value >>> 0 : value).toString(16)}`;
  }
  const text = toText(value)?.trim();
  if (text === undefined) return undefined;
  if (/^0x[0-9a-f]+$/i.test(text)) return text.toLowerCase();
  if (/^\d{1,16}$/.test(text)) return `0x${Number(text).toString(16)}`;
  return text;
}

/** GUIDs: lower case, no braces. */
export function toGuid(value: unknown): string | undefined {
  const text = toText(value)?.trim();
  if (text === undefined) return undefined;
  const bare = text.startsWith('{') && text.endsWith('}') ? text.slice(1, -1) : text;
  return bare.toLowerCase();
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export interface ParsedAddress {
  readonly ipv4?: string;
  readonly ipv6?: string;
}

/** Strips `::ffff:` from IPv4-mapped addresses; IPv6 stays IPv6; anything else is not an address. */
export function parseAddress(value: unknown): ParsedAddress | undefined {
  const text = toText(value)?.trim();
  if (text === undefined) return undefined;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(text);
  const candidate = mapped?.[1] ?? text;
  if (IPV4.test(candidate)) return { ipv4: candidate };
  const bare = candidate.startsWith('[') && candidate.endsWith(']') ? candidate.slice(1, -1) : candidate;
  if (isIPv6(bare.split('%')[0] ?? '')) return { ipv6: bare.toLowerCase() };
  return undefined;
}

/** Multi-valued text (PrivilegeList, AccessList) is separated by newlines, tabs and spaces. */
export function splitList(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => splitList(item));
  const text = toText(value);
  if (text === undefined) return [];
  // control characters are rendering debris (seen in real 4661 PrivilegeList values), not data
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '').split(/\s+/).filter((item) => item !== '' && item !== '-');
}
