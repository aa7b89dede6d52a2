/**
 * Typed errors mirroring MLflow's error codes, so callers branch on `instanceof` (or `code`) whichever
 * backend they talk to. Messages never carry credentials.
 */
export class TrackingError extends Error {
  constructor(
    message: string,
    readonly code = 'INTERNAL_ERROR',
    readonly httpStatus?: number,
  ) {
    super(message);
    this.name = 'TrackingError';
  }
}

export class ResourceDoesNotExistError extends TrackingError {
  constructor(message: string, httpStatus = 404) {
    super(message, 'RESOURCE_DOES_NOT_EXIST', httpStatus);
    this.name = 'ResourceDoesNotExistError';
  }
}

export class ResourceAlreadyExistsError extends TrackingError {
  constructor(message: string, httpStatus = 400) {
    super(message, 'RESOURCE_ALREADY_EXISTS', httpStatus);
    this.name = 'ResourceAlreadyExistsError';
  }
}

export class InvalidParameterValueError extends TrackingError {
  constructor(message: string, httpStatus = 400) {
    super(message, 'INVALID_PARAMETER_VALUE', httpStatus);
    this.name = 'InvalidParameterValueError';
  }
}

export class TemporarilyUnavailableError extends TrackingError {
  constructor(message: string, httpStatus = 503) {
    super(message, 'TEMPORARILY_UNAVAILABLE', httpStatus);
    this.name = 'TemporarilyUnavailableError';
  }
}

export class RequestLimitExceededError extends TrackingError {
  constructor(message: string, httpStatus = 429) {
    super(message, 'REQUEST_LIMIT_EXCEEDED', httpStatus);
    this.name = 'RequestLimitExceededError';
  }
}

/** The server could not be reached, or did not answer in time, after every retry. */
export class TrackingNetworkError extends TrackingError {
  constructor(message: string, code: 'NETWORK_ERROR' | 'TIMEOUT' = 'NETWORK_ERROR') {
    super(message, code);
    this.name = 'TrackingNetworkError';
  }
}

/** Builds the typed error for an MLflow `error_code`; unknown codes keep their code on the base class. */
export function errorFromCode(errorCode: string | undefined, message: string, httpStatus?: number): TrackingError {
  const code = errorCode || codeForStatus(httpStatus);
  switch (code) {
    case 'RESOURCE_DOES_NOT_EXIST':
      return new ResourceDoesNotExistError(message, httpStatus);
    case 'RESOURCE_ALREADY_EXISTS':
      return new ResourceAlreadyExistsError(message, httpStatus);
    case 'INVALID_PARAMETER_VALUE':
      return new InvalidParameterValueError(message, httpStatus);
    case 'TEMPORARILY_UNAVAILABLE':
      return new TemporarilyUnavailableError(message, httpStatus);
    case 'REQUEST_LIMIT_EXCEEDED':
      return new RequestLimitExceededError(message, httpStatus);
    default:
      return new TrackingError(message, code, httpStatus);
  }
}

function codeForStatus(status: number | undefined): string {
  if (status === 429) return 'REQUEST_LIMIT_EXCEEDED';
  if (status === 503) return 'TEMPORARILY_UNAVAILABLE';
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'PERMISSION_DENIED';
  if (status === 404) return 'ENDPOINT_NOT_FOUND';
  return status !== undefined && status < 500 ? 'BAD_REQUEST' : 'INTERNAL_ERROR';
}
