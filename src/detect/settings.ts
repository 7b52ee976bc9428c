import { z } from 'zod';

/**
 * Every threshold the detectors use, in one place so configuration can tune them. Each detector's
 * metadata names the ones it reads.
 */
export interface DetectorSettings {
  /** Days of history before the hunt window that count as "normal" (new delegate, spike, clients, noise). */
  readonly baselineDays: number;
  /** Below this many days of stored history the baseline detectors stay quiet: everything would look new. */
  readonly minimumBaselineDays: number;
  /** A day's delegate sends are a spike at this many times the busiest day of the baseline... */
  readonly spikeFactor: number;
  /** ...and at least this many sends, so a quiet delegate's 3 after a peak of 1 is not one. */
  readonly spikeMinimumSends: number;
  /** Audit silence: the current silence must exceed this multiple of the longest gap in the history... */
  readonly silenceGapMultiple: number;
  /** ...and at least this many hours: Exchange delivers events up to a day late, so short silences prove nothing. */
  readonly silenceMinimumHours: number;
  /** Ingestion may fail this long before it is an anomaly (transient Graph errors recover by themselves). */
  readonly ingestionGraceHours: number;
  /** Owner misreports and connector events in a day at this many times their baseline daily mean... */
  readonly noiseSurgeFactor: number;
  /** ...and at least this many, raise one informational notice. */
  readonly noiseSurgeMinimumEvents: number;
  /** Evidence event ids per anomaly: a handful the card can link to. */
  readonly evidenceLimit: number;
  /** A delegate send to at least this many external recipients is an anomaly (records that list recipients only). */
  readonly externalRecipientsMinimum: number;
  /** Mailboxes (addresses, lower-case) whose every delegate send is an anomaly (SENDAS_WATCHLIST). */
  readonly watchlist: readonly string[];
  /**
   * The tenant's own domains. When null they are derived from the store: the domains of the
   * identities sent as, which are always the tenant's own mailboxes.
   */
  readonly tenantDomains: readonly string[] | null;
}

export const DEFAULT_DETECTOR_SETTINGS: DetectorSettings = {
  baselineDays: 30,
  minimumBaselineDays: 14,
  spikeFactor: 3,
  spikeMinimumSends: 20,
  silenceGapMultiple: 2,
  silenceMinimumHours: 12,
  ingestionGraceHours: 6,
  noiseSurgeFactor: 5,
  noiseSurgeMinimumEvents: 100,
  evidenceLimit: 5,
  externalRecipientsMinimum: 20,
  watchlist: [],
  tenantDomains: null,
};

const address = z
  .string()
  .trim()
  .min(1)
  .transform((s) => s.toLowerCase());

const overridesSchema = z
  .object({
    baselineDays: z.number().int().min(1).max(365),
    minimumBaselineDays: z.number().int().min(0).max(365),
    spikeFactor: z.number().min(1),
    spikeMinimumSends: z.number().int().min(1),
    silenceGapMultiple: z.number().min(1),
    silenceMinimumHours: z.number().min(0),
    ingestionGraceHours: z.number().min(0),
    noiseSurgeFactor: z.number().min(1),
    noiseSurgeMinimumEvents: z.number().int().min(1),
    evidenceLimit: z.number().int().min(1).max(50),
    externalRecipientsMinimum: z.number().int().min(1).max(1000),
    watchlist: z.array(address),
    tenantDomains: z.array(address.transform((s) => s.replace(/^@/, ''))).nullable(),
  })
  .partial()
  .strict();

export type DetectorSettingsResult =
  | { readonly ok: true; readonly settings: DetectorSettings }
  | { readonly ok: false; readonly errors: readonly string[] };

/** Defaults overlaid with `overrides`, validated: every problem is reported at once as `key: message`. */
export function resolveDetectorSettings(overrides: unknown = {}): DetectorSettingsResult {
  const parsed = overridesSchema.safeParse(overrides);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : 'settings'}: ${i.message}`) };
  }
  const settings = { ...DEFAULT_DETECTOR_SETTINGS, ...parsed.data };
  if (settings.minimumBaselineDays > settings.baselineDays) {
    return { ok: false, errors: [`minimumBaselineDays: ${settings.minimumBaselineDays} is more than baselineDays (${settings.baselineDays})`] };
  }
  return { ok: true, settings };
}
