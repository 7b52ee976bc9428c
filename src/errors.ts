/**
 * The small catalogue of errors SendAs Watch raises. Expected outcomes (a bad record, a question not
 * understood) are values, not errors; these are for conditions that stop a whole operation.
 */
export type ErrorCode =
  | 'SENDAS_INPUT_UNKNOWN_FORMAT'
  | 'SENDAS_INPUT_UNREADABLE'
  | 'SENDAS_CONFIG_INVALID'
  | 'SENDAS_STORE_FAILED'
  | 'SENDAS_GRAPH_FAILED'
  | 'SENDAS_GRAPH_FORBIDDEN'
  | 'SENDAS_USAGE';

export class SendAsWatchError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'SendAsWatchError';
  }
}

/** Whether `error` is one of ours with the given code. */
export function hasCode(error: unknown, code: ErrorCode): error is SendAsWatchError {
  return error instanceof SendAsWatchError && error.code === code;
}

/** A one-line description of any thrown value, for logs and exit messages (no stack). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
