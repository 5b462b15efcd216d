/**
 * Failpoints for crash tests (tailing.md §13): `XDR_FAILPOINT=<name>:<n>` makes the process kill
 * itself with SIGKILL the n-th time it passes the named point (n defaults to 1). Without the
 * variable a failpoint is one comparison; nothing else in the engine changes.
 */
export const FAILPOINTS = ['store.before-commit', 'scan.classify', 'array.mid-parse'] as const;
export type FailpointName = (typeof FAILPOINTS)[number];

const spec = /^([\w.-]+)(?::(\d+))?$/.exec(process.env.XDR_FAILPOINT ?? '');
const armed = spec?.[1];
let remaining = Number(spec?.[2] ?? 1);

export function failpoint(name: FailpointName): void {
  if (armed !== name) return;
  remaining -= 1;
  if (remaining <= 0) process.kill(process.pid, 'SIGKILL');
}
