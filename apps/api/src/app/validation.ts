import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

// When a value has the wrong type, its range checks fail too; only the type problem is worth reporting.
const TYPE_CONSTRAINTS = new Set(['isString', 'isNumber', 'isInt', 'isArray', 'isIn', 'isBoolean', 'whitelistValidation']);

function relevantConstraints(constraints: Record<string, string>): string[] {
  const typeProblems = Object.entries(constraints).filter(([name]) => TYPE_CONSTRAINTS.has(name));
  return (typeProblems.length ? typeProblems : Object.entries(constraints)).map(([, message]) => message);
}

/** The constraint messages of a validation error tree, with nested property paths. */
export function validationMessages(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = relevantConstraints(error.constraints ?? {}).map((message) =>
      message.startsWith('property ') && message.endsWith(' should not exist') ? `${path} is not a known field` : message,
    );
    return [...own, ...validationMessages(error.children ?? [], path)];
  });
}

/** A body must be a JSON object: arrays and bare values are refused before field validation. */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw new BadRequestException('The request body must be a JSON object');
    }
    return super.transform(value, metadata);
  }
}

/** whitelist + forbidNonWhitelisted + transform, with the problems listed in `details`. */
export function apiValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = validationMessages(errors);
      if (!details.length) details.push('the request body must be a JSON object');
      return new BadRequestException({ message: details.length === 1 ? details[0] : `${details.length} problems with the request`, details });
    },
  });
}
