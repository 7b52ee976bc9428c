import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeRecord } from '../../src/audit/normalize';
import { TEST_BOUNDS } from '../support/read';
import type { AuditEvent } from '../../src/audit/event';
import { classify, factsOf } from '../../src/classify/classify';
import type { ClassifierRule, RuleCase } from '../../src/classify/rule';
import { RULES } from '../../src/classify/rules';

const RULES_DIR = join(__dirname, '../../src/classify/rules');

/** Every rule file beside its cases file, found on disk so a new rule without cases fails here. */
function ruleFiles(): { file: string; rule: ClassifierRule; cases: readonly RuleCase[] }[] {
  const names = readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.cases.ts') && f !== 'index.ts');
  return names.map((file) => {
    const base = file.replace(/\.ts$/, '');
    const ruleModule = require(join(RULES_DIR, file)) as Record<string, ClassifierRule>;
    const rules = Object.values(ruleModule).filter((v) => typeof v === 'object' && v !== null && 'decide' in v);
    expect(rules).toHaveLength(1);
    const casesModule = require(join(RULES_DIR, `${base}.cases.ts`)) as { cases: readonly RuleCase[] };
    return { file: base, rule: rules[0], cases: casesModule.cases };
  });
}

function eventOf(record: Readonly<Record<string, unknown>>): AuditEvent {
  const result = normalizeRecord(record, TEST_BOUNDS);
  if (result.kind !== 'event') throw new Error(`case record did not normalize: ${JSON.stringify(result)}`);
  return result.event;
}

describe('classifier rules', () => {
  const files = ruleFiles();

  it('has one file per rule in RULES, and ids are unique', () => {
    expect(files.map((f) => f.rule.id).sort()).toEqual(RULES.map((r) => r.id).sort());
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });

  it('names each rule id after its file (Classify.<Category>.<Condition>)', () => {
    for (const { rule } of files) expect(rule.id).toMatch(/^Classify\.[A-Z][A-Za-z]+\.[A-Z][A-Za-z]+$/);
  });

  it.each(files.map((f) => [f.file, f] as const))('%s has a hostile twin: a case whose name says what it imitates', (_file, f) => {
    expect(f.cases.some((c) => /^hostile:/.test(c.name))).toBe(true);
  });

  it.each(files.map((f) => [f.file, f] as const))('%s has a case that fires and one that does not', (_file, f) => {
    expect(f.cases.some((c) => c.fires)).toBe(true);
    expect(f.cases.some((c) => !c.fires)).toBe(true);
  });

  const allCases = files.flatMap((f) => f.cases.map((c) => [`${f.rule.id}: ${c.name}`, f.rule, c] as const));
  it.each(allCases)('%s', (_name, rule, c) => {
    const event = eventOf(c.record);
    expect(rule.decide(event, factsOf(event, c.context)) !== null).toBe(c.fires);
    const result = classify(event, c.context);
    expect(result.category).toBe(c.expected);
    if (c.fires) expect(result.ruleId).toBe(rule.id);
    expect(result.reasons.length).toBeGreaterThan(0);
    if (c.confidence !== undefined) expect(result.confidence).toBe(c.confidence);
    for (const code of c.reasons ?? []) expect(result.reasons.map((r) => r.code)).toContain(code);
  });
});

describe('the LogonType reason of a delegate send', () => {
  // The reasons of Exchange's common values are made once and shared: each must still name its own value.
  const delegateSend = (logonType: unknown): AuditEvent =>
    eventOf({ CreationTime: '2026-09-01T10:00:00', Id: `logon-${String(logonType)}`, Operation: 'SendAs', UserId: 'ana@contoso.com', MailboxOwnerUPN: 'sales@contoso.com', SendAsUserSmtp: 'sales@contoso.com', LogonType: logonType });
  const logonReason = (logonType: unknown): unknown => classify(delegateSend(logonType)).reasons.find((r) => r.code === 'logon-type')?.params;

  it('names the value and its name, for every value Exchange writes and for others', () => {
    expect(logonReason(0)).toEqual({ value: '0', name: 'Owner' });
    expect(logonReason(1)).toEqual({ value: '1', name: 'Admin' });
    expect(logonReason(2)).toEqual({ value: '2', name: 'Delegate' });
    expect(logonReason('2')).toEqual({ value: '2', name: 'Delegate' });
    expect(logonReason(3)).toEqual({ value: '3', name: 'Transport' });
    expect(logonReason(4)).toEqual({ value: '4', name: 'SystemService' });
    expect(logonReason(5)).toEqual({ value: '5', name: 'Other' });
    expect(logonReason(6)).toEqual({ value: '6', name: 'DelegatedAdmin' });
    expect(logonReason(7)).toEqual({ value: '7', name: 'Other' });
    expect(logonReason(-1)).toEqual({ value: '-1', name: 'Other' });
    expect(logonReason(null)).toBeUndefined();
  });
});
