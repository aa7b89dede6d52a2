import { InvalidArgumentError } from 'commander';

export function integer(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}, got "${value}"`);
    }
    return parsed;
  };
}

export function decimal(min: number, max: number) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < min || parsed > max) {
      throw new InvalidArgumentError(`expected a number from ${min} to ${max}, got "${value}"`);
    }
    return parsed;
  };
}

export function choice<T extends string>(values: readonly T[]) {
  return (value: string): T => {
    if (!values.includes(value as T)) throw new InvalidArgumentError(`expected one of ${values.join(', ')}, got "${value}"`);
    return value as T;
  };
}

export function range(value: string): [number, number] {
  const match = /^(\d+):(\d+)$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError(`expected FROM:TO, e.g. 3:20, got "${value}"`);
  return [Number(match[1]), Number(match[2])];
}

export function integerList(value: string): number[] {
  const parts = value.split(',').map((part) => part.trim());
  if (!parts.length || parts.some((part) => !/^\d+$/.test(part))) {
    throw new InvalidArgumentError(`expected a comma-separated list of whole numbers, got "${value}"`);
  }
  return parts.map(Number);
}

export function stringList(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

/** alpha / eta: a named prior, a number, or comma-separated numbers. */
export function prior<T extends string>(names: readonly T[]) {
  return (value: string): T | number | number[] => {
    if (names.includes(value as T)) return value as T;
    const numbers = value.split(',').map(Number);
    if (numbers.length && numbers.every((n) => Number.isFinite(n) && n > 0)) {
      return numbers.length === 1 ? numbers[0] : numbers;
    }
    throw new InvalidArgumentError(`expected ${names.join(', ')}, a positive number or a list of them, got "${value}"`);
  };
}
