/** Event ID sets that the per-event rules of windows-events.md §10 choose sources by. */

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

export type ProviderFamily = 'security' | 'eventlog' | 'scm' | 'powershell' | 'sysmon';

export interface EventScope {
  readonly family?: ProviderFamily;
  readonly ids?: ReadonlySet<number>;
  /** the rule does not apply to these events */
  readonly exceptIds?: ReadonlySet<number>;
}

const set = (...ids: (number | number[])[]): ReadonlySet<number> => new Set(ids.flat());

/** TargetUserName is the group, not an account (§8.4). */
export const GROUP_EVENTS = set(range(4727, 4737), range(4744, 4764), 4799);
export const GROUP_MEMBER_EVENTS = set(4728, 4729, 4732, 4733, 4746, 4747, 4751, 4752, 4756, 4757, 4761, 4762);
export const FIREWALL_RULE_EVENTS = set(range(4945, 4948), 4957);
export const FIREWALL_PROFILE_EVENTS = set(range(4946, 4950));
export const WFP_CONNECTION_EVENTS = set(5031, range(5150, 5159));
export const WFP_CHANGE_EVENTS = set(range(5440, 5450));
export const WFP_ACCOUNT_EVENTS = set(range(5446, 5450));
export const SESSION_EVENTS = set(4778, 4779);
/** events that also name a Target account (sourceUser proposal of §10.2) */
export const SUBJECT_AND_TARGET_EVENTS = set(4624, 4625, 4648, range(4720, 4767), 4781);
export const LOGON_EVENTS = set(4624, 4625, 4634, 4647, 4648, 4672, range(4768, 4771), 4776, 4778, 4779);
export const SHARE_EVENTS = set(5140, range(5142, 5145));
export const DIRECTORY_OBJECT_EVENTS = set(range(5136, 5141));

export const PROCESS_CREATION = set(4688);
export const SYSMON_PROCESS_ACCESS = set(8, 10);

export function inScope(scope: EventScope | undefined, family: ProviderFamily | undefined, eventId: number | undefined): boolean {
  if (scope === undefined) return true;
  if (scope.family !== undefined && scope.family !== family) return false;
  if (scope.ids !== undefined && (eventId === undefined || !scope.ids.has(eventId))) return false;
  if (scope.exceptIds !== undefined && eventId !== undefined && scope.exceptIds.has(eventId)) return false;
  return true;
}
