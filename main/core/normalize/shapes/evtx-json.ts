import type { EventHeader, SourceRecord, Sourced } from '../source-record.js';
import { isPlainObject, own, PathCache, sourced } from '../source-record.js';

const EVENT_DATA_PATHS = new PathCache('Event.EventData.');

/**
 * Shape A: the `evtx` crate / evtx_dump JSON. Attributes sit under `#attributes` or, with
 * `--separate-json-attributes`, in a sibling `<Name>_attributes`; both are read.
 */
export function readEvtxRecord(root: Record<string, unknown>): SourceRecord | undefined {
  const event = own(root, 'Event');
  if (!isPlainObject(event)) return undefined;
  const system = own(event, 'System');
  if (!isPlainObject(system)) return undefined;

  const rendering = own(event, 'RenderingInfo');
  const rendered = isPlainObject(rendering) ? rendering : undefined;
  const header: EventHeader = {
    eventId: systemValue(system, 'EventID', 'Event.System.EventID'),
    provider: attribute(system, 'Provider', 'Name', 'Event.System.Provider.#attributes.Name')
      ?? attribute(system, 'Provider', 'EventSourceName', 'Event.System.Provider.#attributes.EventSourceName'),
    providerGuid: attribute(system, 'Provider', 'Guid', 'Event.System.Provider.#attributes.Guid'),
    channel: systemValue(system, 'Channel', 'Event.System.Channel'),
    computer: systemValue(system, 'Computer', 'Event.System.Computer'),
    time: attribute(system, 'TimeCreated', 'SystemTime', 'Event.System.TimeCreated.#attributes.SystemTime'),
    level: systemValue(system, 'Level', 'Event.System.Level'),
    levelName: rendered && systemValue(rendered, 'Level', 'Event.RenderingInfo.Level'),
    task: systemValue(system, 'Task', 'Event.System.Task'),
    taskName: rendered && systemValue(rendered, 'Task', 'Event.RenderingInfo.Task'),
    keywords: systemValue(system, 'Keywords', 'Event.System.Keywords'),
    keywordNames: renderedKeywords(rendered),
    recordId: systemValue(system, 'EventRecordID', 'Event.System.EventRecordID'),
    version: systemValue(system, 'Version', 'Event.System.Version'),
    executionPid: attribute(system, 'Execution', 'ProcessID', 'Event.System.Execution.#attributes.ProcessID'),
    userSid: attribute(system, 'Security', 'UserID', 'Event.System.Security.#attributes.UserID'),
    message: rendered && systemValue(rendered, 'Message', 'Event.RenderingInfo.Message'),
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

function systemValue(element: Record<string, unknown>, key: string, path: string): Sourced | undefined {
  if (!Object.hasOwn(element, key)) return undefined;
  const value = textOf(element[key]);
  return value === undefined ? undefined : { value, path };
}

/** `<element>.#attributes.<name>`, or `<element>_attributes.<name>` (evtx_dump --separate-json-attributes). */
function attribute(system: Record<string, unknown>, element: string, name: string, path: string): Sourced | undefined {
  const inline = own(system, element);
  if (isPlainObject(inline)) {
    const attributes = own(inline, '#attributes');
    if (isPlainObject(attributes) && Object.hasOwn(attributes, name) && attributes[name] !== undefined) return { value: attributes[name], path };
  }
  const separate = own(system, `${element}_attributes`);
  if (isPlainObject(separate) && Object.hasOwn(separate, name) && separate[name] !== undefined) {
    return { value: separate[name], path: `Event.System.${element}_attributes.${name}` };
  }
  return undefined;
}

/** An element with attributes and text keeps the text under `#text`. */
function textOf(value: unknown): unknown {
  if (isPlainObject(value) && Object.hasOwn(value, '#text')) return value['#text'];
  return value;
}

function renderedKeywords(rendering: Record<string, unknown> | undefined): Sourced | undefined {
  if (rendering === undefined) return undefined;
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
