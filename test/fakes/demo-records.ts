import { generateDemoTenant } from '../../src/audit/demo/tenant';
import type { FakeAuditRecord } from './graph';

export interface DemoRecordOptions {
  readonly end: string;
  readonly days: number;
  readonly users?: number;
  readonly seed?: number | string;
  /** Keep the demo's late arrivals (records searchable minutes to a day after they happen). */
  readonly lateArrivals?: boolean;
}

/** Demo-tenant AuditData as the fake Graph serves it. */
export function demoGraphRecords(options: DemoRecordOptions): FakeAuditRecord[] {
  const out: FakeAuditRecord[] = [];
  for (const record of generateDemoTenant({ end: new Date(options.end), days: options.days, users: options.users ?? 60, seed: options.seed ?? 7 })) {
    out.push(options.lateArrivals === true ? { auditData: record.auditData, searchableAt: record.truth.arrival } : { auditData: record.auditData });
  }
  return out;
}
