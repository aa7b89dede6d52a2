/** MLflow's error codes with the HTTP status its server answers them with (RESOURCE_ALREADY_EXISTS is 400, not 409). */
export const STATUS_BY_CODE: Record<string, number> = {
  RESOURCE_ALREADY_EXISTS: 400,
  RESOURCE_DOES_NOT_EXIST: 404,
  INVALID_PARAMETER_VALUE: 400,
  BAD_REQUEST: 400,
  TEMPORARILY_UNAVAILABLE: 503,
  REQUEST_LIMIT_EXCEEDED: 429,
  ENDPOINT_NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  INTERNAL_ERROR: 500,
};

export class FakeApiError extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
    readonly status: number = STATUS_BY_CODE[errorCode] ?? 500,
  ) {
    super(message);
  }
}

export const notFound = (message: string): FakeApiError => new FakeApiError('RESOURCE_DOES_NOT_EXIST', message);
export const invalid = (message: string): FakeApiError => new FakeApiError('INVALID_PARAMETER_VALUE', message);
export const alreadyExists = (message: string): FakeApiError => new FakeApiError('RESOURCE_ALREADY_EXISTS', message);
