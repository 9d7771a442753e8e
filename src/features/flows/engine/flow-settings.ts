import { RegularsError } from '../../../platform/errors.js';

/**
 * Reads a flow's settings field by field with defaults, so every kind reports a wrong field the
 * same way: INVALID_FLOW with details.field 'settings.<name>' and the file in the message.
 * Unknown fields are errors too (a typo must not silently fall back to a default).
 */
export class SettingsReader {
  private readonly seen = new Set<string>();

  constructor(
    private readonly raw: Readonly<Record<string, unknown>>,
    private readonly where: string,
  ) {}

  fail(name: string, message: string): RegularsError {
    return new RegularsError('INVALID_FLOW', `${this.where}: settings.${name} ${message}`, {
      field: `settings.${name}`,
      where: this.where,
    });
  }

  private take(name: string): unknown {
    this.seen.add(name);
    return this.raw[name];
  }

  number(name: string, fallback: number, min: number, max: number, options: { integer?: boolean } = {}): number {
    const value = this.take(name);
    if (value === undefined) return fallback;
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      value < min ||
      value > max ||
      (options.integer === true && !Number.isInteger(value))
    ) {
      throw this.fail(
        name,
        `must be ${options.integer === true ? 'a whole number' : 'a number'} from ${min} to ${max}`,
      );
    }
    return value;
  }

  nullableNumber(
    name: string,
    fallback: number | null,
    min: number,
    max: number,
    options: { integer?: boolean } = {},
  ): number | null {
    if (this.raw[name] === null) {
      this.take(name);
      return null;
    }
    const value = this.number(name, fallback ?? Number.NaN, min, max, options);
    return Number.isNaN(value) ? null : value;
  }

  string(name: string, fallback: string, pattern?: RegExp, hint?: string): string {
    const value = this.take(name);
    if (value === undefined) return fallback;
    if (typeof value !== 'string' || value.trim() === '' || (pattern !== undefined && !pattern.test(value)))
      throw this.fail(name, `must be ${hint ?? 'non-empty text'}`);
    return value;
  }

  nullableString(name: string, fallback: string | null, pattern?: RegExp, hint?: string): string | null {
    if (this.raw[name] === null) {
      this.take(name);
      return null;
    }
    if (this.raw[name] === undefined) {
      this.take(name);
      return fallback;
    }
    return this.string(name, '', pattern, hint);
  }

  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const value = this.take(name);
    if (value === undefined) return fallback;
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
      throw this.fail(name, `must be one of ${allowed.join(', ')}`);
    return value as T;
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.take(name);
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean') throw this.fail(name, 'must be true or false');
    return value;
  }

  stringList(name: string, fallback: readonly string[]): readonly string[] {
    const value = this.take(name);
    if (value === undefined) return fallback;
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item.trim() === ''))
      throw this.fail(name, 'must be a list of non-empty texts');
    return value as string[];
  }

  /** A nested object, read with its own reader (fields 'settings.<name>.<field>'). */
  object(name: string): SettingsReader | null {
    const value = this.take(name);
    if (value === undefined || value === null) return null;
    if (typeof value !== 'object' || Array.isArray(value)) throw this.fail(name, 'must be a JSON object');
    return new NestedSettingsReader(value as Record<string, unknown>, this.where, name);
  }

  /** Any JSON value, unchecked (a campaign's template data). */
  json(name: string): unknown {
    return this.take(name);
  }

  /** Call last: rejects fields nobody read. */
  done(): void {
    for (const key of Object.keys(this.raw))
      if (!this.seen.has(key))
        throw this.fail(key, `is not a setting of this flow; known: ${[...this.seen].join(', ')}`);
  }
}

class NestedSettingsReader extends SettingsReader {
  constructor(
    raw: Readonly<Record<string, unknown>>,
    where: string,
    private readonly prefix: string,
  ) {
    super(raw, where);
  }

  override fail(name: string, message: string): RegularsError {
    return super.fail(`${this.prefix}.${name}`, message);
  }
}
