import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import { AccessLevel, ApiKeyStore } from './api-key-store';
import { presentedApiKey } from './presented-key';

/**
 * Throws 401/403 unless the request may use an endpoint of this level: admin endpoints always need an
 * admin key; predictions need a key once any predict key is configured.
 */
export async function authorize(level: AccessLevel, headers: IncomingHttpHeaders, keys: ApiKeyStore): Promise<void> {
  if (!(await keys.isRequired(level))) return;
  if (level === 'admin' && !(await keys.hasAnyAdminKey())) {
    throw new ForbiddenException('Admin endpoints are disabled: no admin API key is configured (ADMIN_API_KEYS)');
  }
  const key = presentedApiKey(headers);
  if (!key) throw new UnauthorizedException('An API key is required: send it as x-api-key or Authorization: Bearer');
  const role = await keys.roleOf(key);
  if (!role) throw new UnauthorizedException('The API key is not valid');
  if (level === 'admin' && role !== 'admin') throw new ForbiddenException('This endpoint needs an admin API key');
}
