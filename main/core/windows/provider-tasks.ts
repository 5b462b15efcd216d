/**
 * Task display names of the non-audit providers (the Security-Auditing tasks are the §5
 * subcategories). The names are the providers' own manifest strings, as Windows renders them in
 * `TaskDisplayName` / `winlog.task`, so an evtx_dump record (numbers only) gets the same `action`
 * as a PowerShell or Winlogbeat export of the same event.
 */
const SYSMON_TASKS: readonly (readonly [number, string])[] = [
  [1, 'Process Create (rule: ProcessCreate)'],
  [2, 'File creation time changed (rule: FileCreateTime)'],
  [3, 'Network connection detected (rule: NetworkConnect)'],
  [4, 'Sysmon service state changed'],
  [5, 'Process terminated (rule: ProcessTerminate)'],
  [6, 'Driver loaded (rule: DriverLoad)'],
  [7, 'Image loaded (rule: ImageLoad)'],
  [8, 'CreateRemoteThread detected (rule: CreateRemoteThread)'],
  [9, 'RawAccessRead detected (rule: RawAccessRead)'],
  [10, 'Process accessed (rule: ProcessAccess)'],
  [11, 'File created (rule: FileCreate)'],
  [12, 'Registry object added or deleted (rule: RegistryEvent)'],
  [13, 'Registry value set (rule: RegistryEvent)'],
  [14, 'Registry object renamed (rule: RegistryEvent)'],
  [15, 'File stream created (rule: FileCreateStreamHash)'],
  [16, 'Sysmon config state changed'],
  [17, 'Pipe Created (rule: PipeEvent)'],
  [18, 'Pipe Connected (rule: PipeEvent)'],
  [19, 'WmiEventFilter activity detected (rule: WmiEvent)'],
  [20, 'WmiEventConsumer activity detected (rule: WmiEvent)'],
  [21, 'WmiEventConsumerToFilter activity detected (rule: WmiEvent)'],
  [22, 'Dns query (rule: DnsQuery)'],
  [23, 'File Delete archived (rule: FileDelete)'],
  [24, 'Clipboard changed (rule: ClipboardChange)'],
  [25, 'Process Tampering (rule: ProcessTampering)'],
  [26, 'File Delete logged (rule: FileDeleteDetected)'],
  [27, 'File Block Executable (rule: FileBlockExecutable)'],
  [28, 'File Block Shredding (rule: FileBlockShredding)'],
  [29, 'File Executable Detected (rule: FileExecutableDetected)'],
  [255, 'Error report'],
];

const TASKS: ReadonlyMap<string, string> = new Map([
  ...SYSMON_TASKS.map(([task, name]) => [`microsoft-windows-sysmon|${task}`, name] as const),
  ['microsoft-windows-eventlog|104', 'Log clear'],
  ['microsoft-windows-powershell|2', 'Execute a Remote Command'],
  ['microsoft-windows-powershell|4', 'PowerShell Console Startup'],
  ['microsoft-windows-powershell|111', 'PowerShell Named Pipe IPC'],
  ['powershell|4', 'Provider Lifecycle'],
  ['powershell|6', 'Engine Lifecycle'],
  ['powershell|8', 'Pipeline Execution Details'],
]);

export function providerTaskName(provider: string, task: number): string | undefined {
  return TASKS.get(`${provider.toLowerCase()}|${task}`);
}
