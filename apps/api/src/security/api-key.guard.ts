import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ApiRequest } from '../common/http-types';
import { ACCESS_LEVEL } from './access.decorator';
import { AccessLevel, ApiKeyStore } from './api-key-store';
import { presentedApiKey } from './presented-key';

/** Enforces @RequiresKey: admin endpoints always, predictions once a predict key is configured. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const level = this.reflector.get<AccessLevel | undefined>(ACCESS_LEVEL, context.getHandler());
    if (!level || !(await this.keys.isRequired(level))) return true;
    if (level === 'admin' && !(await this.keys.hasAnyAdminKey())) {
      throw new ForbiddenException('Admin endpoints are disabled: no admin API key is configured (ADMIN_API_KEYS)');
    }
    const key = presentedApiKey(context.switchToHttp().getRequest<ApiRequest>().headers);
    if (!key) throw new UnauthorizedException('An API key is required: send it as x-api-key or Authorization: Bearer');
    const role = await this.keys.roleOf(key);
    if (!role) throw new UnauthorizedException('The API key is not valid');
    if (level === 'admin' && role !== 'admin') throw new ForbiddenException('This endpoint needs an admin API key');
    return true;
  }
}
