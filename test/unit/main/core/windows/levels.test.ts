import { describe, expect, it } from 'vitest';
import {
  LEVEL_TABLE,
  levelNameToSeverityLabel,
  levelToLevelName,
  levelToSeverityLabel,
  normalizeLevelName,
  nxlogSeverityToLevelName,
  severityLabelToNumber,
} from '../../../../../main/core/windows/levels.js';

describe('levelToSeverityLabel (§3)', () => {
  it('maps the six defined levels', () => {
    expect([0, 1, 2, 3, 4, 5].map(levelToSeverityLabel)).toEqual([
      'Informational', 'Alert', 'Error', 'Warning', 'Informational', 'Debug',
    ]);
  });

  it('maps reserved and provider-defined levels 6–255 to Informational (proposal)', () => {
    for (const level of [6, 15, 16, 100, 255]) expect(levelToSeverityLabel(level)).toBe('Informational');
  });

  it('never returns undefined for odd input', () => {
    for (const level of [-1, 1.5, Number.NaN, 256]) expect(levelToSeverityLabel(level)).toBe('Informational');
  });

  it('gives the guide source value of a level', () => {
    expect(levelToLevelName(0)).toBe('information');
    expect(levelToLevelName(1)).toBe('critical');
    expect(levelToLevelName(5)).toBe('verbose');
    expect(levelToLevelName(42)).toBe('information');
  });

  it('has one table row per level 0–5', () => {
    expect(LEVEL_TABLE.map((r) => r.level)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(LEVEL_TABLE[0]).toMatchObject({ windowsName: 'LogAlways', exportedName: 'Information' });
  });
});

describe('levelNameToSeverityLabel', () => {
  it('accepts the guide source values in any case', () => {
    expect(levelNameToSeverityLabel('critical')).toBe('Alert');
    expect(levelNameToSeverityLabel('error')).toBe('Error');
    expect(levelNameToSeverityLabel('warning')).toBe('Warning');
    expect(levelNameToSeverityLabel('information')).toBe('Informational');
    expect(levelNameToSeverityLabel('verbose')).toBe('Debug');
    expect(levelNameToSeverityLabel('CRITICAL')).toBe('Alert');
    expect(levelNameToSeverityLabel('wArNiNg')).toBe('Warning');
  });

  it('accepts the exported display names', () => {
    expect(levelNameToSeverityLabel('Critical')).toBe('Alert');
    expect(levelNameToSeverityLabel('Error')).toBe('Error');
    expect(levelNameToSeverityLabel('Warning')).toBe('Warning');
    expect(levelNameToSeverityLabel('Information')).toBe('Informational');
    expect(levelNameToSeverityLabel('Verbose')).toBe('Debug');
    expect(levelNameToSeverityLabel('Informational')).toBe('Informational');
    expect(levelNameToSeverityLabel('LogAlways')).toBe('Informational');
  });

  it('rejects unknown names, including NXLog scale names', () => {
    expect(levelNameToSeverityLabel('')).toBeUndefined();
    expect(levelNameToSeverityLabel('INFO')).toBeUndefined();
    expect(levelNameToSeverityLabel('debug')).toBeUndefined();
    expect(normalizeLevelName('Informational')).toBe('information');
  });
});

describe('nxlogSeverityToLevelName (§3 "From NXLog without Level/LevelValue")', () => {
  it('maps the Severity names', () => {
    expect(nxlogSeverityToLevelName('CRITICAL')).toBe('critical');
    expect(nxlogSeverityToLevelName('ERROR')).toBe('error');
    expect(nxlogSeverityToLevelName('WARNING')).toBe('warning');
    expect(nxlogSeverityToLevelName('INFO')).toBe('information');
    expect(nxlogSeverityToLevelName('DEBUG')).toBe('verbose');
    expect(nxlogSeverityToLevelName('VERBOSE')).toBe('verbose');
  });

  it('maps ERROR of an Audit Failure to information', () => {
    expect(nxlogSeverityToLevelName('ERROR', 'AUDIT_FAILURE')).toBe('information');
    expect(nxlogSeverityToLevelName('ERROR', 'ERROR')).toBe('error');
    expect(nxlogSeverityToLevelName('ERROR', 'audit_failure')).toBe('information');
    expect(nxlogSeverityToLevelName('INFO', 'AUDIT_SUCCESS')).toBe('information');
  });

  it('accepts the numeric SeverityValue and tolerates missing or unknown values', () => {
    expect(nxlogSeverityToLevelName(5)).toBe('critical');
    expect(nxlogSeverityToLevelName(4, 'AUDIT_FAILURE')).toBe('information');
    expect(nxlogSeverityToLevelName(1)).toBe('verbose');
    expect(nxlogSeverityToLevelName(0)).toBeUndefined();
    expect(nxlogSeverityToLevelName(undefined)).toBeUndefined();
    expect(nxlogSeverityToLevelName('NOTICE')).toBeUndefined();
    expect(nxlogSeverityToLevelName('info')).toBe('information');
  });
});

describe('severityLabelToNumber (proposal)', () => {
  it('uses Debug 1, Informational 3, Warning 5, Error 7, Alert 9', () => {
    expect((['Debug', 'Informational', 'Warning', 'Error', 'Alert'] as const).map(severityLabelToNumber)).toEqual([1, 3, 5, 7, 9]);
  });
});
