/** IPv4 values (qql.md §5.5): an address, a CIDR block, or trailing whole-octet wildcards. */

export interface Ipv4Block {
  /** the first address of the block (host bits masked), as 0 … 2³²−1 */
  readonly first: number;
  /** 32 for a single address */
  readonly prefix: number;
}

export type Ipv4Parse =
  | { readonly ok: true; readonly block: Ipv4Block }
  | { readonly ok: false; readonly problem: 'invalid' }
  /** `slash` is the code-point offset of `/` within the text */
  | { readonly ok: false; readonly problem: 'prefix'; readonly slash: number; readonly prefix: string };

const INVALID: Ipv4Parse = { ok: false, problem: 'invalid' };

function octet(text: string): number | undefined {
  return /^(0|[1-9]\d{0,2})$/.test(text) && Number(text) <= 255 ? Number(text) : undefined;
}

export function blockSize(prefix: number): number {
  return 2 ** (32 - prefix);
}

export function lastAddress(block: Ipv4Block): number {
  return block.first + blockSize(block.prefix) - 1;
}

function block(octets: readonly number[], prefix: number): Ipv4Block {
  const address = octets.reduce((sum, o) => sum * 256 + o, 0) * 256 ** (4 - octets.length);
  const size = blockSize(prefix);
  return { first: Math.floor(address / size) * size, prefix };
}

function address(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const octets = parts.map(octet);
  return octets.every((o) => o !== undefined) ? octets : undefined;
}

/** `wildcards` is false for quoted values, where `*` is literal and so never valid. */
export function parseIpv4(text: string, wildcards: boolean): Ipv4Parse {
  const slash = text.indexOf('/');
  if (slash >= 0) {
    const octets = address(text.slice(0, slash));
    const prefix = text.slice(slash + 1);
    if (octets === undefined || !/^\d+$/.test(prefix)) return INVALID;
    const bits = Number(prefix);
    if (bits > 32) return { ok: false, problem: 'prefix', slash: Array.from(text.slice(0, slash)).length, prefix };
    return { ok: true, block: block(octets, bits) };
  }
  const parts = text.split('.');
  const firstStar = parts.indexOf('*');
  if (firstStar < 0) {
    const octets = address(text);
    return octets === undefined ? INVALID : { ok: true, block: block(octets, 32) };
  }
  if (!wildcards || firstStar === 0 || parts.length > 4 || parts.slice(firstStar).some((p) => p !== '*')) return INVALID;
  const octets = parts.slice(0, firstStar).map(octet);
  if (!octets.every((o) => o !== undefined)) return INVALID;
  return { ok: true, block: block(octets, firstStar * 8) };
}

export function formatIpv4(block: Ipv4Block): string {
  const octets: number[] = [];
  let rest = block.first;
  for (let i = 0; i < 4; i++) {
    octets.unshift(rest % 256);
    rest = Math.floor(rest / 256);
  }
  const dotted = octets.join('.');
  return block.prefix === 32 ? dotted : `${dotted}/${block.prefix}`;
}
