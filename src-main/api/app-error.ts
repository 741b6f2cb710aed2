import type { ApiError, ErrorCode } from './contract';

/** An expected failure that reaches the renderer as `{ ok: false, error }`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: string[],
  ) {
    super(message);
    this.name = 'AppError';
  }

  toApiError(): ApiError {
    return this.fields
      ? { code: this.code, message: this.message, fields: this.fields }
      : { code: this.code, message: this.message };
  }
}
