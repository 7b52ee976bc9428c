/**
 * Known audit incidents: windows where the unified audit log is known to be missing or damaged data.
 * An answer whose range overlaps one warns that absence of events there is not evidence of absence.
 */
export interface AuditIncident {
  readonly id: string;
  readonly title: string;
  readonly titleJa: string;
  /** Inclusive start, ISO UTC. */
  readonly from: string;
  /** Exclusive end, ISO UTC. */
  readonly to: string;
  /** Operations whose records are affected; an overlap only matters for these. */
  readonly operations: readonly string[];
  readonly recoverable: boolean;
  readonly summary: string;
  readonly source: { readonly name: string; readonly url?: string };
}

export interface TimeRange {
  /** Inclusive, ISO UTC. */
  readonly from: string;
  /** Exclusive, ISO UTC. */
  readonly to: string;
}

export const INCIDENTS: readonly AuditIncident[] = [
  {
    id: 'MC382148',
    title: 'SendAs and SendOnBehalf events not generated',
    titleJa: 'SendAs と SendOnBehalf のイベントが生成されなかった',
    from: '2022-01-28T00:00:00.000Z',
    to: '2022-03-27T00:00:00.000Z',
    operations: ['SendAs', 'SendOnBehalf'],
    recoverable: false,
    summary:
      'From 2022-01-28 to 2022-03-26 some SendAs and SendOnBehalf audit events were not generated because of a ' +
      'logging telemetry change in the audit service. Microsoft cannot recover them.',
    // Seed article 004 (a Japanese rendering of the Office 365 for IT Pros report) is where this came from.
    source: { name: 'Microsoft 365 message center MC382148, published 2022-05-19, as reported by Office 365 for IT Pros (2022)' },
  },
  {
    id: 'ENTRA-GROUP-TRUNCATION-2018',
    title: 'Entra ID group events truncated',
    titleJa: 'Entra ID のグループ イベントが切り詰められた',
    from: '2018-09-01T00:00:00.000Z',
    to: '2019-05-07T00:00:00.000Z',
    operations: ['Add group.', 'Add member to group.', 'Update group.', 'Delete group.'],
    recoverable: false,
    summary:
      'Azure AD group events in the unified audit log showed "Record Truncated" and lost their actor and target ' +
      'from September 2018 until a fix on 2019-05-07.',
    source: { name: 'Office 365 for IT Pros, "Office 365 audit record truncated"', url: 'https://office365itpros.com/2018/09/12/office-365-audit-record-truncated/' },
  },
];

/** Incidents overlapping [range.from, range.to) that affect any of `operations`. */
export function incidentsOverlapping(
  range: TimeRange,
  operations: readonly string[] = ['SendAs', 'SendOnBehalf'],
  catalogue: readonly AuditIncident[] = INCIDENTS,
): AuditIncident[] {
  return catalogue.filter(
    (incident) =>
      incident.from < range.to && range.from < incident.to && incident.operations.some((op) => operations.includes(op)),
  );
}
