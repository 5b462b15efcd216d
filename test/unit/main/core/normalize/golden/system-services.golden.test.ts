/**
 * Golden normalized events: Service Control Manager 7045 / 7036 (evtx-json, PowerShell).
 * Expected values come from the guide and windows-events.md §3–§10.
 */
import { describe, expect, it } from 'vitest';
import { sharedAvailable } from '../../../../../helpers/shared-folder.js';
import { computer, goldenEvent, sampleRecord, WINDOWS_DEVICE } from './golden-helpers.js';

const SYSTEM_SERVICES = 'evtx-json/system-services.jsonl';

const SERVICE_CONTROL_MANAGER = {
  ...WINDOWS_DEVICE,
  guid: '555908d1-a6d7-4695-8e1e-26931d2012f4',
  provider: 'Service Control Manager',
  deviceSeverity: 'Informational', // Level 4
  eventType: 'Classic', // Keywords 0x8080000000000000: first keyword name, no audit bit
  outcome: 'NA',
  category: 'System', // the channel; no action (task 0 has no name)
  channel: 'System',
} as const;

/** 7036 record 471481 (jump01, PSEXESVC running). */
const SERVICE_STATE_471481 = {
  ...SERVICE_CONTROL_MANAGER,
  ...computer('jump01.offsec.lan'),
  eventTime: '2021-04-21T09:27:56.102Z',
  externalId: 7036, // EventID {"#attributes":{"Qualifiers":16384},"#text":7036}
  deviceEventId: 'Service Control Manager:7036',
  eventName: 'The PSEXESVC service entered the running state.', // §8.2 title with %1, %2 = param1, param2
  recordId: 471481,
  destinationServiceName: 'PSEXESVC', // param1
  processId: 708, // Execution PID
} as const;

describe.skipIf(!sharedAvailable())('golden: service control manager events', () => {
  it('evtx-json 7045 (record 10446): service installed, System user SID as subject of last resort', () => {
    const event = goldenEvent(sampleRecord('evtx-json', SYSTEM_SERVICES, 10446, 7045), 'evtx-json');
    expect(event).toEqual({
      ...SERVICE_CONTROL_MANAGER,
      ...computer('IEWIN7'),
      eventTime: '2019-05-12T12:52:43.702Z',
      externalId: 7045,
      deviceEventId: 'Service Control Manager:7045',
      eventName: 'A service was installed in the system.',
      recordId: 10446,
      winlogSubjectSid: 'S-1-5-21-3583694148-1414552638-2922671848-1000', // System Security@UserID
      destinationServiceName: 'WinPwnage',
      winLogImagePath: "%COMSPEC% /c ping -n 1 127.0.0.1 >nul && echo 'WinPwnage' > \\\\.\\pipe\\WinPwnagePipe",
      processId: 468,
    });
  });

  it('evtx-json 7036 (record 471481)', () => {
    const event = goldenEvent(sampleRecord('evtx-json', SYSTEM_SERVICES, 471481, 7036), 'evtx-json');
    expect(event).toEqual(SERVICE_STATE_471481);
  });

  it('powershell 7036 (record 471481): rendered Message, TaskDisplayName null', () => {
    const event = goldenEvent(sampleRecord('powershell', 'powershell/system.ps51.utf16le.json', 471481, 7036), 'powershell');
    expect(event).toEqual({ ...SERVICE_STATE_471481, message: 'The PSEXESVC service entered the running state.' });
  });
});
