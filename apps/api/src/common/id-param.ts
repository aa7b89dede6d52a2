import { BadRequestException, ParseIntPipe } from '@nestjs/common';

/** ParseIntPipe with a message that names the parameter. */
export function integerParam(name: string): ParseIntPipe {
  return new ParseIntPipe({ exceptionFactory: () => new BadRequestException(`${name} must be an integer`) });
}
