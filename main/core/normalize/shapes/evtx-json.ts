import type { EventHeader, SourceRecord, Sourced } from '../source-record.js';
import { isPlainObject, own, PathCache, sourced } from '../source-record.js';

const SYSTEM_PATHS = new PathCache('Event.System.');
const EVENT_DATA_PATHS = new PathCache('Event.EventData.');
const RENDERING_PATHS = new PathCache('Event.RenderingInfo.');

/**
 * Shape A: the `evtx` crate / evtx_dump JSON. Attributes sit under `#attributes` or, with
 * `--separate-json-attributes`, in a sibling `<Name>_attributes`; both are read.
 */
export function readEvtxRecord(root: Record<string, unknown>): SourceRecord | undefined {
  const event = own(root, 'Event');
  if (!isPlainObject(event)) return undefined;
  const system = own(event, 'System');
  if (!isPlainObject(system)) return undefined;

  const sys = (key: string): Sourced | undefined => sourced(textOf(own(system, key)), SYSTEM_PATHS.of(key));
  const attr = (element: string, name: string, path: string): Sourced | undefined => {
    const inline = own(system, element);
    if (isPlainObject(inline)) {
      const attributes = own(inline, '#attributes');
      if (isPlainObject(attributes) && own(attributes, name) !== undefined) {
        return { value: own(attributes, name), path };
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
    isPlainObject(rendering) ? sourced(textOf(own(rendering, key)), RENDERING_PATHS.of(key)) : undefined;

  const header: EventHeader = {
    eventId: sys('EventID'),
    provider: attr('Provider', 'Name', 'Event.System.Provider.#attributes.Name') ?? attr('Provider', 'EventSourceName', 'Event.System.Provider.#attributes.EventSourceName'),
    providerGuid: attr('Provider', 'Guid', 'Event.System.Provider.#attributes.Guid'),
    channel: sys('Channel'),
    computer: sys('Computer'),
    time: attr('TimeCreated', 'SystemTime', 'Event.System.TimeCreated.#attributes.SystemTime'),
    level: sys('Level'),
    levelName: render('Level'),
    task: sys('Task'),
    taskName: render('Task'),
    keywords: sys('Keywords'),
    keywordNames: renderedKeywords(rendering),
    recordId: sys('EventRecordID'),
    version: sys('Version'),
    executionPid: attr('Execution', 'ProcessID', 'Event.System.Execution.#attributes.ProcessID'),
    userSid: attr('Security', 'UserID', 'Event.System.Security.#attributes.UserID'),
    message: render('Message'),
  };

  const lookup = eventDataLookup(event);
  return {
    shape: 'evtx-json',
    header,
    data: lookup,
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

/** EventData (or UserData's wrapper) read in place: most rule lookups miss, so nothing is copied up front. */
function eventDataLookup(event: Record<string, unknown>): (name: string) => Sourced | undefined {
  const data = own(event, 'EventData');
  if (isPlainObject(data)) {
    const unnamed = own(data, 'Data');
    const params = isPlainObject(unnamed) && Object.hasOwn(unnamed, '#text') ? unnamed['#text'] : undefined;
    return (name) => {
      if (name !== '#attributes' && Object.hasOwn(data, name)) return { value: textOf(data[name]), path: EVENT_DATA_PATHS.of(name) };
      if (params === undefined || !name.startsWith('param')) return undefined;
      // unnamed <Data> elements: param1…paramN by position (Winlogbeat's convention)
      const index = Number(name.slice(5)) - 1;
      const values: unknown[] = Array.isArray(params) ? params : [params];
      if (!Number.isInteger(index) || index < 0 || index >= values.length) return undefined;
      return { value: values[index], path: `Event.EventData.Data.#text[${index}]` };
    };
  }
  const userData = own(event, 'UserData');
  if (isPlainObject(userData)) {
    const wrapperName = Object.keys(userData).find((key) => isPlainObject(userData[key]));
    const wrapper = wrapperName === undefined ? undefined : userData[wrapperName];
    if (wrapperName !== undefined && isPlainObject(wrapper)) {
      return (name) => (name !== '#attributes' && Object.hasOwn(wrapper, name)
        ? { value: textOf(wrapper[name]), path: `Event.UserData.${wrapperName}.${name}` }
        : undefined);
    }
  }
  return () => undefined;
}
