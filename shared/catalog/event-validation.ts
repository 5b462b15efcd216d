import type { FieldType } from './field-catalog.js';
import { findField } from './field-catalog.js';
import { SEVERITY_LABELS } from './severity.js';

const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function matchesType(type: FieldType, value: unknown): boolean {
  switch (type) {
    case 'text':
    case 'keyword':
      return typeof value === 'string' && value !== '';
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'ipv4':
      return typeof value === 'string' && IPV4.test(value);
    case 'datetime':
      return typeof value === 'string' && ISO_UTC_MS.test(value) && !Number.isNaN(Date.parse(value));
    case 'severity':
      return typeof value === 'string' && (SEVERITY_LABELS as readonly string[]).includes(value);
    case 'list':
      return Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string' && item !== '');
    case 'coordinates':
      return Array.isArray(value) && value.length === 2 && value.every((n) => typeof n === 'number' && Number.isFinite(n))
        && Math.abs(value[0] as number) <= 90 && Math.abs(value[1] as number) <= 180;
  }
}

/** Every way an object breaks the normalized event contract (design.md §3); empty when it holds. */
export function eventContractViolations(event: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(event)) {
    const field = findField(name);
    if (field === undefined) problems.push(`${name}: not a catalog token`);
    else if (!matchesType(field.type, value)) problems.push(`${name}: ${JSON.stringify(value)} is not ${field.type}`);
  }
  return problems;
}
