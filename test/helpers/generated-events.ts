/** Small generated Qualys-flat records carrying `src` and `seq`, so a verifier can check every record landed once. */
export function flatRecord(src: string, seq: number): string {
  const time = new Date(Date.UTC(2024, 0, 1) + seq * 1000).toISOString();
  return JSON.stringify({
    Computer: `${src}.example.test`, Name: 'Microsoft-Windows-Security-Auditing:4624', EventID: 4624, EventRecordID: seq,
    TimeCreated: time, logset: 'information', keywords: 'Audit Success', TargetUserName: `user${seq}`, src, seq,
  });
}

export function flatLines(src: string, from: number, to: number, eol = '\n'): string {
  let text = '';
  for (let seq = from; seq <= to; seq++) text += flatRecord(src, seq) + eol;
  return text;
}
