import { describe, expect, it } from 'vitest';
import { DbIpGeoLookup, isPublicAddress, shortestFloat32 } from '../../../../../main/core/enrich/geo-lookup.js';

describe('geo lookup (DB-IP City Lite, offline)', () => {
  const geo = new DbIpGeoLookup();

  it('locates public IPv4 and IPv6 addresses with country name, city and coordinates', () => {
    const v4 = geo.locate('8.8.8.8');
    expect(v4?.country).toBe('United States');
    expect(typeof v4?.city).toBe('string');
    expect(v4?.coordinates).toHaveLength(2);
    const [lat, lon] = v4?.coordinates ?? [0, 0];
    expect(Math.abs(lat)).toBeLessThanOrEqual(90);
    expect(Math.abs(lon)).toBeLessThanOrEqual(180);
    expect(geo.locate('2001:4860:4860::8888')?.country).toBeDefined();
  });

  it.each(['10.1.2.3', '172.16.0.1', '192.168.1.1', '127.0.0.1', '169.254.10.10', '0.0.0.0', '239.255.255.250', '255.255.255.255', '::1', 'fe80::1', 'fd00::1', '::', '::ffff:10.0.0.1', 'not-an-ip'])(
    'gives no location for %s', (address) => {
      expect(isPublicAddress(address)).toBe(false);
      expect(geo.locate(address)).toBeUndefined();
    },
  );

  it('prints coordinates as the shortest decimal of the stored float32', () => {
    expect(shortestFloat32(Math.fround(37.422))).toBe(37.422);
    expect(shortestFloat32(Math.fround(-122.085))).toBe(-122.085);
  });

  it('answers repeated lookups from its cache with the same result', () => {
    expect(geo.locate('151.101.36.133')).toEqual(geo.locate('151.101.36.133'));
  });
});
