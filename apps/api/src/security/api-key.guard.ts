import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ApiRequest } from '../common/http-types';
import { ACCESS_LEVEL } from './access.decorator';
import { AccessLevel, ApiKeyStore } from './api-key-store';
import { authorize } from './authorize';

/** Enforces @RequiresKey (see authorize). */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const level = this.reflector.get<AccessLevel | undefined>(ACCESS_LEVEL, context.getHandler());
    if (level) await authorize(level, context.switchToHttp().getRequest<ApiRequest>().headers, this.keys);
    return true;
  }
}
