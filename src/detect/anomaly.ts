/** The anomaly shape lives in src/anomaly.ts, shared with the store; detectors import it from here as before. */
export * from '../anomaly';
