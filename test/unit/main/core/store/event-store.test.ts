import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIELD_CATALOG } from '../../../../../shared/catalog/field-catalog.js';
import type { TokenValue } from '../../../../../shared/model/normalized-event.js';
import { openWriter } from '../../../../../main/core/store/database.js';
import { EventStore } from '../../../../../main/core/store/event-store.js';
import { tempFolder } from '../../../../helpers/temp-folder.js';

const dir = tempFolder('event-store');

function tokens(values: Record<string, TokenValue>): (TokenValue | undefined)[] {
  return FIELD_CATALOG.map((field) => values[field.name]);
}

const EVENT = {
  eventTime: '2021-05-14T12:54:05.123Z', eventId: '469fea5a-d1d8-51f9-84c9-1f4eb824f586', deviceName: 'HOST01', deviceSeverity: 'Warning',
  externalId: 4625, sourceIpv4: '10.113.107.133', destinationIpv4: '239.255.255.250', permissions: ['%%4484', '0x12019f'],
  geoSourceCoordinates: [12.97623, 77.60329] as const, processName: 'C:\\Windows\\System32\\lsass.exe', command: 'lsass.exe -x',
};

describe('event store', () => {
  it('stores each token in its typed columns: ipv4 as integer and text, time in ms, severity rank and label, lists as JSON, coordinates as REALs', () => {
    const db = openWriter(join(dir, 'typed.db'));
    const store = new EventStore(db);
    expect(store.writeBatch([{ tokens: tokens(EVENT), shape: 'evtx-json', raw: '{"raw":1}', sourceId: null, generation: 0, byteOffset: 7 }], [])).toEqual({ stored: 1, duplicates: 0, quarantined: 0 });
    const row = db.prepare('SELECT * FROM events').get() as Record<string, unknown>;
    expect(row).toMatchObject({
      eventTime: Date.parse(EVENT.eventTime), eventId: EVENT.eventId, deviceName: 'HOST01', deviceSeverity: 'Warning', deviceSeverity_rank: 3,
      externalId: 4625, sourceIpv4: '10.113.107.133', sourceIpv4_n: 10 * 2 ** 24 + 113 * 2 ** 16 + 107 * 2 ** 8 + 133,
      destinationIpv4_n: 239 * 2 ** 24 + 255 * 2 ** 16 + 255 * 2 ** 8 + 250, permissions: '["%%4484","0x12019f"]',
      geoSourceCoordinates_lat: 12.97623, geoSourceCoordinates_lon: 77.60329, raw: '{"raw":1}', shape: 'evtx-json', byte_offset: 7, userName: null,
    });
    // the full-text index finds substrings of the short text tokens
    expect(db.prepare(`SELECT rowid FROM events_fts WHERE events_fts MATCH '"sass.ex"'`).pluck().all()).toEqual([row.id]);
    db.close();
  });

  it('stores an event once: the same eventId again is a duplicate, in the same batch or a later one', () => {
    const db = openWriter(join(dir, 'dedupe.db'));
    const store = new EventStore(db);
    const event = { tokens: tokens(EVENT), shape: 'evtx-json', raw: '{}', sourceId: null, generation: 0, byteOffset: 0 };
    expect(store.writeBatch([event, event], [])).toEqual({ stored: 1, duplicates: 1, quarantined: 0 });
    expect(store.writeBatch([event], [])).toEqual({ stored: 0, duplicates: 1, quarantined: 0 });
    expect(db.prepare('SELECT count(*) FROM events_fts').pluck().get()).toBe(1);
    db.close();
  });

  it('rolls back the whole batch when one part fails, checkpoint included', () => {
    const db = openWriter(join(dir, 'rollback.db'));
    const store = new EventStore(db);
    const good = { tokens: tokens(EVENT), shape: 'evtx-json', raw: '{}', sourceId: null, generation: 0, byteOffset: 0 };
    const bad = { ...good, tokens: tokens({ ...EVENT, eventId: undefined as unknown as string }) };
    expect(() => store.writeBatch([good, bad], [])).toThrow(/without eventId/);
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(0);
    db.close();
  });
});
