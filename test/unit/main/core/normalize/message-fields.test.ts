import { describe, expect, it } from 'vitest';
import { fieldsFromMessage } from '../../../../../main/core/normalize/message-fields.js';

describe('fieldsFromMessage', () => {
  it('keys labels on their section, as the same label repeats', () => {
    const message = 'An account was successfully logged on.\r\n\r\nSubject:\r\n\tSecurity ID:\t\tS-1-5-18\r\n\tAccount Name:\t\tHOST$\r\n\tLogon ID:\t\t0x3E7\r\n\r\nLogon Information:\r\n\tLogon Type:\t\t3\r\n\r\nNew Logon:\r\n\tSecurity ID:\t\tS-1-5-21-1\r\n\tAccount Name:\t\talice\r\n\r\nNetwork Information:\r\n\tWorkstation Name:\tWS07\r\n\tSource Network Address:\t192.0.2.10\r\n\tSource Port:\t\t50122\r\n\r\nProcess Information:\r\n\tProcess Name:\t\t-';
    const fields = fieldsFromMessage(message);
    expect(Object.fromEntries(fields)).toEqual({
      SubjectUserSid: 'S-1-5-18', SubjectUserName: 'HOST$', SubjectLogonId: '0x3E7', LogonType: '3',
      TargetUserSid: 'S-1-5-21-1', TargetUserName: 'alice', WorkstationName: 'WS07', IpAddress: '192.0.2.10', SourcePort: '50122',
      ProcessName: '-',
    });
  });

  it('gives nothing for a one-line message', () => {
    expect(fieldsFromMessage('The PSEXESVC service entered the running state.').size).toBe(0);
  });
});
