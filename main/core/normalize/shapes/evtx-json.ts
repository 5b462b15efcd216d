import type { EventHeader, SourceRecord, Sourced } from '../source-record.js';
import { isPlainObject, own, sourced } from '../source-record.js';

/**
 * Shape A: the `evtx` crate / evtx_dump JSON. Attributes sit under `#attributes` or, with
 * `--separate-json-attributes`, in a sibling `<Name>_attributes`; both are read.
 */
export function readEvtxRecord(root: Record<string, unknown>): SourceRecord | undefined {
  const event = own(root, 'Event');
  if (!isPlainObject(event)) return undefined;
  const system = own(event, 'System');
  if (!isPlainObject(system)) return undefined;

  const sys = (key: string): Sourced | undefined => sourced(textOf(own(system, key)), `Event.System.${key}`);
  const attr = (element: string, name: string): Sourced | undefined => {
    const inline = own(system, element);
    if (isPlainObject(inline)) {
      const attributes = own(inline, '#attributes');
      if (isPlainObject(attributes) && own(attributes, name) !== undefined) {
        return { value: own(attributes, name), path: `Event.System.${element}.#attributes.${name}` };
      }
    }
    const separate = own(system, `${element}_attributes`);
    if (isPlainObject(separate) && own(separate, name) !== undefined) {
      return { value: own(separate, name), path: `Event.System.${element}_attributes.${name}` };
    }
    return undefined;
  };

  const rendering = own(event, 'RenderingInfo');
  const render = (key: string): Sourced | undefined =>
    isPlainObject(rendering) ? sourced(textOf(own(rendering, key)), `Event.RenderingInfo.${key}`) : undefined;

  const header: EventHeader = {
    eventId: sys('EventID'),
    provider: attr('Provider', 'Name') ?? attr('Provider', 'EventSourceName'),
    providerGuid: attr('Provider', 'Guid'),
    channel: sys('Channel'),
    computer: sys('Computer'),
    time: attr('TimeCreated', 'SystemTime'),
    level: sys('Level'),
    levelName: render('Level'),
    task: sys('Task'),
    taskName: render('Task'),
    keywords: sys('Keywords'),
    keywordNames: renderedKeywords(rendering),
    recordId: sys('EventRecordID'),
    version: sys('Version'),
    executionPid: attr('Execution', 'ProcessID'),
    userSid: attr('Security', 'UserID'),
    message: render('Message'),
  };

  const data = eventData(event);
  return {
    shape: 'evtx-json',
    header,
    data: (name) => data.get(name),
    flat: () => undefined,
    ecs: () => undefined,
  };
}

/** An element with attributes and text keeps the text under `#text`. */
function textOf(value: unknown): unknown {
  if (isPlainObject(value) && Object.hasOwn(value, '#text')) return value['#text'];
  return value;
}

function renderedKeywords(rendering: unknown): Sourced | undefined {
  if (!isPlainObject(rendering)) return undefined;
  const keywords = own(rendering, 'Keywords');
  if (!isPlainObject(keywords)) return undefined;
  return sourced(own(keywords, 'Keyword'), 'Event.RenderingInfo.Keywords.Keyword');
}

function eventData(event: Record<string, unknown>): Map<string, Sourced> {
  const fields = new Map<string, Sourced>();
  const data = own(event, 'EventData');
  if (isPlainObject(data)) {
    for (const key of Object.keys(data)) {
      if (key === '#attributes') continue;
      const value = data[key];
      if (key === 'Data' && isPlainObject(value) && Object.hasOwn(value, '#text')) {
        // unnamed <Data> elements: param1…paramN by position (Winlogbeat's convention)
        const text = value['#text'];
        const values = Array.isArray(text) ? text : [text];
        values.forEach((v, i) => fields.set(`param${i + 1}`, { value: v, path: `Event.EventData.Data.#text[${i}]` }));
        continue;
      }
      fields.set(key, { value: textOf(value), path: `Event.EventData.${key}` });
    }
    return fields;
  }
  const userData = own(event, 'UserData');
  if (isPlainObject(userData)) {
    for (const wrapperName of Object.keys(userData)) {
      const wrapper = userData[wrapperName];
      if (!isPlainObject(wrapper)) continue;
      for (const key of Object.keys(wrapper)) {
        if (key === '#attributes') continue;
        fields.set(key, { value: textOf(wrapper[key]), path: `Event.UserData.${wrapperName}.${key}` });
      }
    }
  }
  return fields;
}
