import { describe, expect, it } from 'vitest';
import {
  MESSAGE_CODES,
  kerberosStatusText,
  mandatoryLabelName,
  messageCodeInfo,
  ntStatusText,
  parseMessageCode,
  protocolName,
  ticketEncryptionTypeName,
  translateMessageCode,
} from '../../../../../main/core/windows/message-codes.js';

describe('translateMessageCode (§7)', () => {
  it('translates representative codes', () => {
    expect(translateMessageCode('%%1537')).toBe('DELETE');
    expect(translateMessageCode('%%1842')).toBe('Yes');
    expect(translateMessageCode('%%1843')).toBe('No');
    expect(translateMessageCode('%%14593')).toBe('Outbound');
    expect(translateMessageCode('%%14592')).toBe('Inbound');
    expect(translateMessageCode('%%1936')).toBe('TokenElevationTypeDefault (1)');
    expect(translateMessageCode('%%2313')).toBe('Unknown user name or bad password');
    expect(translateMessageCode('%%4484')).toBe('read process memory');
    expect(translateMessageCode('%%7688')).toBe('Control Access');
    expect(translateMessageCode('%%16385')).toBe('Delete');
  });

  it('expands the audit category range %%8272–%%8280 in order', () => {
    const names = [];
    for (let c = 8272; c <= 8280; c++) names.push(translateMessageCode(`%%${c}`));
    expect(names).toEqual([
      'System', 'Logon/Logoff', 'Object Access', 'Privilege Use', 'Detailed Tracking', 'Policy Change', 'Account Management', 'DS Access', 'Account Logon',
    ]);
  });

  it('does not invent codes of the process and DS rights ranges', () => {
    expect(translateMessageCode('%%4480')).toBeUndefined();
    expect(translateMessageCode('%%4491')).toBeUndefined();
    expect(translateMessageCode('%%7680')).toBeUndefined();
    expect(translateMessageCode('%%14613')).toBeUndefined();
    expect([...MESSAGE_CODES.keys()].filter((c) => c >= 4480 && c <= 4491)).toEqual([4484, 4485]);
    expect([...MESSAGE_CODES.keys()].filter((c) => c >= 7680 && c <= 7688)).toEqual([7684, 7685, 7688]);
    expect(MESSAGE_CODES.size).toBe(6 + 9 + 6 + 2 + 3 + 3 + 2 + 3 + 3 + 10 + 4 + 9 + 4 + 7 + 8);
  });

  it('tolerates whitespace and rejects malformed values', () => {
    expect(translateMessageCode('  %%1537\t')).toBe('DELETE');
    expect(translateMessageCode('%%1537\r\n')).toBe('DELETE');
    for (const v of ['1537', '%1537', '%%', '%%15 37', '%%1537x', '', '%%99999', '%%12345678901']) {
      expect(translateMessageCode(v)).toBeUndefined();
    }
    expect(parseMessageCode(' %%42 ')).toBe(42);
    expect(messageCodeInfo('%%1842')).toMatchObject({ kind: 'flags', seenIn: '4624 ElevatedToken, VirtualAccount, RestrictedAdminMode' });
    expect(messageCodeInfo(8449)?.text).toBe('Success added');
  });
});

describe('other value tables of §7', () => {
  it('names IANA protocols in lower case', () => {
    expect(protocolName(6)).toBe('tcp');
    expect(protocolName(17)).toBe('udp');
    expect(protocolName('17')).toBe('udp');
    expect(protocolName('58')).toBe('icmpv6');
    expect(protocolName(1)).toBe('icmp');
    expect(protocolName(47)).toBe('gre');
    expect(protocolName(99)).toBeUndefined();
    expect(protocolName('')).toBeUndefined();
  });

  it('names ticket encryption types from hex or numbers', () => {
    expect(ticketEncryptionTypeName('0x12')).toBe('AES256-CTS-HMAC-SHA1-96');
    expect(ticketEncryptionTypeName(0x17)).toBe('RC4-HMAC');
    expect(ticketEncryptionTypeName('0xffffffff')).toBe('failure');
    expect(ticketEncryptionTypeName(-1)).toBe('failure');
    expect(ticketEncryptionTypeName('0x2')).toBeUndefined();
  });

  it('explains Kerberos status codes', () => {
    expect(kerberosStatusText('0x18')).toBe('pre-authentication failed (bad password)');
    expect(kerberosStatusText('0x6')).toBe('client principal unknown');
    expect(kerberosStatusText(0x25)).toBe('clock skew');
    expect(kerberosStatusText('0x0')).toBeUndefined();
  });

  it('explains NTSTATUS codes in any form', () => {
    expect(ntStatusText('0xc000006d')).toBe('bad name or credentials');
    expect(ntStatusText('0xC000006A')).toBe('bad password');
    expect(ntStatusText(0xc0000234)).toBe('locked');
    expect(ntStatusText(-1073741715)).toBe('bad name or credentials');
    expect(ntStatusText('0x0')).toBeUndefined();
  });

  it('names mandatory labels', () => {
    expect(mandatoryLabelName('S-1-16-12288')).toBe('High');
    expect(mandatoryLabelName('s-1-16-8448')).toBe('Medium Plus');
    expect(mandatoryLabelName('S-1-16-0')).toBe('Untrusted');
    expect(mandatoryLabelName('S-1-16-20480')).toBe('Protected Process');
    expect(mandatoryLabelName('S-1-5-18')).toBeUndefined();
  });
});
