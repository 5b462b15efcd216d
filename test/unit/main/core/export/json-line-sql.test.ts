import fc from 'fast-check';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FieldDefinition } from '../../../../../shared/catalog/field-catalog.js';
import { FIELD_CATALOG } from '../../../../../shared/catalog/field-catalog.js';
import { SEVERITY_LABELS } from '../../../../../shared/catalog/severity.js';
import type { TokenValue } from '../../../../../shared/model/normalized-event.js';
import { projectEvents } from '../../../../../main/core/export/event-projection.js';
import { jsonLineQuery } from '../../../../../main/core/export/json-line-sql.js';
import { jsonKeyPrefixes, serializeSlots } from '../../../../../main/core/normalize/event-json.js';
import { MAX_EVENT_TIME, MIN_EVENT_TIME } from '../../../../../main/core/normalize/event-time.js';
import { openWriter } from '../../../../../main/core/store/database.js';
import { EventStore } from '../../../../../main/core/store/event-store.js';
import { tempFolder } from '../../../../helpers/temp-folder.js';

const dir = tempFolder('json-line-sql');
const db = openWriter(join(dir, 'lines.db'));
const store = new EventStore(db);
afterAll(() => {
  db.close();
});

// every kind of text JSON must escape: quotes, backslashes, controls, DEL, U+2028, astral, lone surrogates
const hostileText = fc.string({ unit: fc.oneof(fc.constantFrom('"', '\\', '\n', '\r', '\t', '\b', '\f', '\u0000', '\u001f', '\u007f', '\u2028', '😀', '\ud800', 'é'), fc.string({ unit: 'binary', maxLength: 1 })), minLength: 1, maxLength: 24 });

function valueOf(field: FieldDefinition): fc.Arbitrary<TokenValue | undefined> {
  const present = ((): fc.Arbitrary<TokenValue> => {
    switch (field.type) {
      case 'text':
      case 'keyword':
        return hostileText;
      case 'integer':
        return fc.integer({ min: 0, max: 2 ** 32 });
      case 'datetime':
        return fc.integer({ min: MIN_EVENT_TIME, max: MAX_EVENT_TIME }).map((ms) => new Date(ms).toISOString());
      case 'ipv4':
        return fc.ipV4();
      case 'severity':
        return fc.constantFrom(...SEVERITY_LABELS);
      case 'list':
        return fc.array(hostileText, { minLength: 1, maxLength: 4 });
      case 'coordinates':
        return fc.tuple(fc.double({ min: -90, max: 90, noNaN: true }), fc.double({ min: -180, max: 180, noNaN: true }));
    }
  })();
  return fc.option(present, { nil: undefined, freq: 2 });
}

const eventArbitrary = fc.tuple(...FIELD_CATALOG.map(valueOf));
let nextId = 0;

function storeEvents(events: readonly (TokenValue | undefined)[][]): void {
  store.writeBatch(events.map((tokens) => {
    const slots = [...tokens];
    slots[0] ??= new Date(0).toISOString();
    slots[1] = `event-${++nextId}`;
    return { tokens: slots, shape: 'evtx-json', raw: '{}', sourceId: null, generation: 0, byteOffset: 0 };
  }), []);
}

describe('JSON lines rendered by SQLite', () => {
  it('are byte for byte the lines JavaScript writes from the same stored rows', () => {
    fc.assert(fc.property(fc.array(eventArbitrary, { minLength: 1, maxLength: 20 }), fc.option(fc.shuffledSubarray(FIELD_CATALOG.map((f) => f.name), { minLength: 1 }), { nil: undefined }), (events, fields) => {
      storeEvents(events);
      const sql = jsonLineQuery(fields);
      const js = projectEvents(fields);
      const sqlRows = db.prepare(`SELECT ${sql.selectList} FROM events AS e ORDER BY e.id`).raw(true).all() as unknown[][];
      const jsRows = db.prepare(`SELECT ${js.selectList} FROM events AS e ORDER BY e.id`).raw(true).all() as unknown[][];
      sqlRows.forEach((row, i) => {
        // the reference: the writer `xdr-tail normalize` uses, over the values read back in JavaScript
        const expected = serializeSlots(js.readSlots(jsRows[i] ?? []), jsonKeyPrefixes(js.fields));
        expect(sql.lineOf(row)).toBe(`${expected}\n`);
      });
      db.exec('DELETE FROM events');
    }), { numRuns: 150 });
  });

  it('write an event without any of the chosen tokens as {}', () => {
    storeEvents([[]]);
    const sql = jsonLineQuery(['userName', 'geoSourceCoordinates']);
    const rows = db.prepare(`SELECT ${sql.selectList} FROM events AS e`).raw(true).all() as unknown[][];
    expect(rows.map((row) => sql.lineOf(row))).toEqual(['{}\n']);
    db.exec('DELETE FROM events');
  });

  it('reject a token the catalog does not have', () => {
    expect(() => jsonLineQuery(['eventTime', 'nope'])).toThrow(/unknown token 'nope'/);
  });
});
