import { InvalidParameterValueError } from '../errors';

export type Entity = 'metrics' | 'params' | 'tags' | 'attributes';
export type Comparator = '=' | '!=' | '>' | '>=' | '<' | '<=' | 'LIKE' | 'ILIKE' | 'IN' | 'NOT IN';
export type FilterValue = number | string | string[];

export interface FilterClause {
  entity: Entity;
  key: string;
  comparator: Comparator;
  value: FilterValue;
}

const ENTITY_ALIASES: Record<string, Entity> = {
  metric: 'metrics',
  metrics: 'metrics',
  param: 'params',
  params: 'params',
  parameter: 'params',
  parameters: 'params',
  tag: 'tags',
  tags: 'tags',
  attribute: 'attributes',
  attributes: 'attributes',
  attr: 'attributes',
  run: 'attributes',
};

export const NUMERIC_ATTRIBUTES = ['start_time', 'end_time'] as const;
export const STRING_ATTRIBUTES = [
  'run_id',
  'run_name',
  'status',
  'user_id',
  'artifact_uri',
  'lifecycle_stage',
] as const;
const ATTRIBUTE_SYNONYMS: Record<string, string> = {
  created: 'start_time',
  run_uuid: 'run_id',
  'run name': 'run_name',
};

/** Normalises an attribute key (synonyms, case) and rejects unknown ones. */
export function attributeKey(raw: string): string {
  const lower = raw.toLowerCase();
  const key = ATTRIBUTE_SYNONYMS[lower] ?? lower;
  if (
    !(NUMERIC_ATTRIBUTES as readonly string[]).includes(key) &&
    !(STRING_ATTRIBUTES as readonly string[]).includes(key)
  ) {
    throw invalid(
      `unknown run attribute '${raw}' (known: ${[...NUMERIC_ATTRIBUTES, ...STRING_ATTRIBUTES].join(', ')})`,
    );
  }
  return key;
}

export function isNumericAttribute(key: string): boolean {
  return (NUMERIC_ATTRIBUTES as readonly string[]).includes(key);
}

/** Splits "metrics.c_v" / "params.`my key`" / 'tags."a b"' / "start_time" into entity and key. */
export function parseIdentifier(text: string): { entity: Entity; key: string } {
  const scanner = new Scanner(text);
  const identifier = scanner.identifier();
  scanner.skipSpaces();
  if (!scanner.done()) throw invalid(`unexpected text after '${text.slice(0, scanner.position)}'`);
  return identifier;
}

/**
 * Parses MLflow's run filter syntax: clauses joined by AND (OR is not supported by MLflow either),
 * each `<entity>.<key> <comparator> <value>`; keys may be quoted with backticks or double quotes.
 */
export function parseRunFilter(filter: string | undefined): FilterClause[] {
  if (!filter || !filter.trim()) return [];
  const scanner = new Scanner(filter);
  const clauses: FilterClause[] = [];
  for (;;) {
    clauses.push(scanner.clause());
    scanner.skipSpaces();
    if (scanner.done()) return clauses;
    const word = scanner.word();
    if (word.toUpperCase() === 'OR') throw invalid(`'OR' is not supported in run filters; combine clauses with AND`);
    if (word.toUpperCase() !== 'AND')
      throw invalid(`expected AND at position ${scanner.position} in filter '${filter}'`);
  }
}

class Scanner {
  position = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.position >= this.text.length;
  }

  skipSpaces(): void {
    while (!this.done() && /\s/.test(this.text[this.position] ?? '')) this.position++;
  }

  clause(): FilterClause {
    const { entity, key } = this.identifier();
    const comparator = this.comparator();
    const value = this.value(comparator);
    return checkClause({ entity, key, comparator, value });
  }

  identifier(): { entity: Entity; key: string } {
    this.skipSpaces();
    const start = this.position;
    const head = this.match(/^[A-Za-z_]+/);
    if (!head) throw invalid(`expected an identifier such as metrics.c_v at position ${start}`);
    if (this.text[this.position] !== '.') return { entity: 'attributes', key: attributeKey(head) };
    const entity = ENTITY_ALIASES[head.toLowerCase()];
    if (!entity) throw invalid(`unknown entity '${head}' (use metrics., params., tags. or attributes.)`);
    this.position++;
    const quote = this.text[this.position];
    let key: string;
    if (quote === '`' || quote === '"') key = this.quoted(quote);
    else key = this.match(/^[\w.\-/:]+/u) ?? '';
    if (!key) throw invalid(`missing key after '${head}.'`);
    return { entity, key: entity === 'attributes' ? attributeKey(key) : key };
  }

  comparator(): Comparator {
    this.skipSpaces();
    const symbol = this.match(/^(>=|<=|!=|<>|=|>|<)/);
    if (symbol) return symbol === '<>' ? '!=' : (symbol as Comparator);
    const word = this.word().toUpperCase();
    if (word === 'LIKE' || word === 'ILIKE' || word === 'IN') return word;
    if (word === 'NOT') {
      if (this.word().toUpperCase() === 'IN') return 'NOT IN';
    }
    throw invalid(`expected a comparator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN) at position ${this.position}`);
  }

  value(comparator: Comparator): FilterValue {
    this.skipSpaces();
    if (comparator === 'IN' || comparator === 'NOT IN') return this.list();
    const quote = this.text[this.position];
    if (quote === "'" || quote === '"') return this.quoted(quote);
    const number = this.match(/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/);
    if (number !== null) return Number(number);
    throw invalid(`expected a number or a quoted string at position ${this.position}`);
  }

  list(): string[] {
    if (this.text[this.position] !== '(') throw invalid(`expected '(' after IN at position ${this.position}`);
    this.position++;
    const items: string[] = [];
    for (;;) {
      this.skipSpaces();
      const quote = this.text[this.position];
      if (quote !== "'" && quote !== '"') throw invalid(`IN lists hold quoted strings (position ${this.position})`);
      items.push(this.quoted(quote));
      this.skipSpaces();
      const next = this.text[this.position++];
      if (next === ')') return items;
      if (next !== ',') throw invalid(`expected ',' or ')' in IN list at position ${this.position - 1}`);
    }
  }

  word(): string {
    this.skipSpaces();
    return this.match(/^[A-Za-z]+/) ?? '';
  }

  quoted(quote: string): string {
    const end = this.text.indexOf(quote, this.position + 1);
    if (end < 0) throw invalid(`unterminated ${quote} quote at position ${this.position}`);
    const content = this.text.slice(this.position + 1, end);
    this.position = end + 1;
    return content;
  }

  private match(pattern: RegExp): string | null {
    const found = pattern.exec(this.text.slice(this.position));
    if (!found) return null;
    this.position += found[0].length;
    return found[0];
  }
}

function checkClause(clause: FilterClause): FilterClause {
  const numeric = clause.entity === 'metrics' || (clause.entity === 'attributes' && isNumericAttribute(clause.key));
  const label = `${clause.entity}.${clause.key}`;
  if (numeric) {
    if (typeof clause.value !== 'number')
      throw invalid(`${label} compares with a number, not '${String(clause.value)}'`);
    if (['LIKE', 'ILIKE', 'IN', 'NOT IN'].includes(clause.comparator))
      throw invalid(`${clause.comparator} does not apply to ${label}`);
    return clause;
  }
  if (typeof clause.value === 'number')
    throw invalid(`${label} compares with a quoted string, e.g. ${label} = '${clause.value}'`);
  if (['>', '>=', '<', '<='].includes(clause.comparator))
    throw invalid(`${clause.comparator} does not apply to string ${label}`);
  if ((clause.comparator === 'IN' || clause.comparator === 'NOT IN') && clause.entity !== 'attributes') {
    throw invalid(`${clause.comparator} is only supported for attributes such as run_id`);
  }
  return clause;
}

function invalid(message: string): InvalidParameterValueError {
  return new InvalidParameterValueError(`Invalid search filter: ${message}`);
}
