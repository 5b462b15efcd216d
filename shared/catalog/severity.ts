/** deviceSeverity labels in rank order (design.md §2): Debug < Informational < Warning < Error < Alert. */
export const SEVERITY_LABELS = ['Debug', 'Informational', 'Warning', 'Error', 'Alert'] as const;

export type SeverityLabel = (typeof SEVERITY_LABELS)[number];

export function severityRank(label: string): number | undefined {
  const index = (SEVERITY_LABELS as readonly string[]).findIndex((l) => l.toLowerCase() === label.toLowerCase());
  return index < 0 ? undefined : index + 1;
}
