import type { DirectoryLookup } from '../directory/lookup';
import { SendAsWatchError } from '../errors';
import type { PlaceLookup } from '../places/place';
import { DEFAULT_RIGHTS_DETECTOR_SETTINGS } from '../rights/anomaly';
import { findRightsAnomalies } from '../rights/detectors';
import { gatherRightsDetectionInput } from '../rights/ports';
import type { TimeWindow } from '../store/store';
import type { Anomaly } from './anomaly';
import type { Detector } from './detector';
import { compareAnomalies } from './detector';
import { DETECTORS } from './detectors';
import type { DetectionStore } from './gather';
import { gatherDetectionInput } from './gather';
import type { DetectionInput, IngestionHealth } from './input';
import type { DetectorSettings } from './settings';
import { resolveDetectorSettings } from './settings';

export interface FindAnomaliesOptions {
  /** The hunt window, ISO UTC, half-open: anomalies in what happened here. */
  readonly window: TimeWindow;
  readonly now: Date;
  /** Overrides of DEFAULT_DETECTOR_SETTINGS (thresholds, watchlist, tenant domains). */
  readonly settings?: Partial<DetectorSettings>;
  /** The live ingester's health; leave out when nothing ingests live (demo, export file). */
  readonly ingestion?: IngestionHealth | null;
  /** Places client IPs, for the new-country detector; without it that detector finds nothing. */
  readonly places?: PlaceLookup;
  /** Who the actors are, for the disabled-account and guest-actor detectors; without it they find nothing. */
  readonly directory?: DirectoryLookup;
}

/**
 * Runs every detector over one input and adds what other detectors found (the rights detectors, which
 * read another input): newest first, then most severe, each key once.
 */
export function runDetectors(input: DetectionInput, settings: DetectorSettings, detectors: readonly Detector[] = DETECTORS, others: readonly Anomaly[] = []): Anomaly[] {
  const seen = new Set<string>();
  const out: Anomaly[] = [];
  for (const anomaly of [...detectors.flatMap((d) => d.detect(input, settings)), ...others].sort(compareAnomalies)) {
    if (seen.has(anomaly.key)) continue;
    seen.add(anomaly.key);
    out.push(anomaly);
  }
  return out;
}

/**
 * Gathers the detection input from the store and runs every detector over it. Throws a
 * SendAsWatchError for settings that do not validate or a window that is not one: both are the
 * caller's mistakes, not outcomes.
 *
 * @example
 * const anomalies = await findAnomalies(store, {
 *   window: { from: '2026-11-19T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z' },
 *   now: new Date('2026-11-20T06:00:00Z'),
 *   settings: { watchlist: ['ceo@contoso.com'] },
 * });
 */
export async function findAnomalies(store: DetectionStore, options: FindAnomaliesOptions): Promise<Anomaly[]> {
  const resolved = resolveDetectorSettings(options.settings ?? {});
  if (!resolved.ok) throw new SendAsWatchError('SENDAS_CONFIG_INVALID', `detector settings: ${resolved.errors.join('; ')}`);
  const from = Date.parse(options.window.from);
  const to = Date.parse(options.window.to);
  if (Number.isNaN(from) || Number.isNaN(to) || from >= to || Number.isNaN(options.now.getTime())) {
    throw new SendAsWatchError('SENDAS_USAGE', `not a detection window: ${JSON.stringify(options.window)} at ${String(options.now)}`);
  }
  const input = await gatherDetectionInput(store, {
    window: options.window,
    now: options.now,
    settings: resolved.settings,
    ingestion: options.ingestion ?? null,
    places: options.places,
    directory: options.directory,
  });
  // Rights (issue 19): grants in the window, judged against every admin record and the trustees' sends; nothing without rights data.
  const rightsInput = await gatherRightsDetectionInput(store, store, {
    now: input.now,
    window: input.window,
    tenantDomains: input.tenantDomains,
    watchlist: input.watchlist,
  });
  const rightsAnomalies = findRightsAnomalies(rightsInput, { ...DEFAULT_RIGHTS_DETECTOR_SETTINGS, evidenceLimit: resolved.settings.evidenceLimit });
  return runDetectors(input, resolved.settings, DETECTORS, rightsAnomalies);
}
