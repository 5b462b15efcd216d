import { describe, expect, it } from 'vitest';
import {
  AUDIT_CATEGORIES,
  AUDIT_SUBCATEGORIES,
  auditSubcategory,
  auditSubcategoryByGuid,
  auditSubcategoryByName,
} from '../../../../../main/core/windows/audit-subcategories.js';

describe('auditSubcategory (§5)', () => {
  it('maps representative tasks', () => {
    expect(auditSubcategory(12544)).toEqual({
      task: 12544, category: 'Logon/Logoff', subcategory: 'Logon', guid: '{0CCE9215-69AE-11D9-BED3-505054503030}',
    });
    expect(auditSubcategory(12548)?.guid).toBe('{0CCE921B-69AE-11D9-BED3-505054503030}');
    expect(auditSubcategory(13056)).toMatchObject({ category: 'Privilege Use', subcategory: 'Sensitive Privilege Use' });
    expect(auditSubcategory(13571)).toMatchObject({ category: 'Policy Change', subcategory: 'MPSSVC Rule-Level Policy Change' });
    expect(auditSubcategory(14339)).toMatchObject({ category: 'Account Logon', subcategory: 'Kerberos Authentication Service', guid: '{0CCE9242-69AE-11D9-BED3-505054503030}' });
    expect(auditSubcategory(13317)?.guid).toBe('{0CCE924A-69AE-11D9-BED3-505054503030}');
    expect(auditSubcategory(104)).toBeUndefined();
    expect(auditSubcategory(12555)).toBeUndefined();
  });

  it('holds every row of the table once', () => {
    expect(AUDIT_SUBCATEGORIES).toHaveLength(5 + 11 + 14 + 3 + 6 + 6 + 6 + 4 + 4);
    expect(new Set(AUDIT_SUBCATEGORIES.map((e) => e.task)).size).toBe(AUDIT_SUBCATEGORIES.length);
    expect(new Set(AUDIT_SUBCATEGORIES.map((e) => e.guid)).size).toBe(AUDIT_SUBCATEGORIES.length);
    expect(AUDIT_CATEGORIES).toEqual([
      'System', 'Logon/Logoff', 'Object Access', 'Privilege Use', 'Detailed Tracking', 'Policy Change', 'Account Management', 'DS Access', 'Account Logon',
    ]);
    for (const e of AUDIT_SUBCATEGORIES) expect(e.guid).toMatch(/^\{0CCE92[0-9A-F]{2}-69AE-11D9-BED3-505054503030\}$/);
  });
});

describe('auditSubcategoryByName', () => {
  it('finds names case-insensitively', () => {
    expect(auditSubcategoryByName('Logon')?.task).toBe(12544);
    expect(auditSubcategoryByName('logon')?.task).toBe(12544);
    expect(auditSubcategoryByName('SENSITIVE PRIVILEGE USE')?.task).toBe(13056);
    expect(auditSubcategoryByName('Other Policy Change Events')?.task).toBe(13573);
    expect(auditSubcategoryByName('MPSSVC Rule-Level Policy Change')?.task).toBe(13571);
    expect(auditSubcategoryByName('User / Device Claims')?.task).toBe(12553);
    expect(auditSubcategoryByName(' Other Logon/Logoff Events ')?.task).toBe(12551);
    expect(auditSubcategoryByName('Logon/Logoff')).toBeUndefined();
    expect(auditSubcategoryByName('')).toBeUndefined();
  });

  it('returns the same entry as the task lookup', () => {
    expect(auditSubcategoryByName('Logon')).toBe(auditSubcategory(12544));
    expect(auditSubcategoryByGuid('0cce9215-69ae-11d9-bed3-505054503030')).toBe(auditSubcategory(12544));
  });
});
