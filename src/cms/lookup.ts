/** Finding the Dutch text of a field or an allowed value in `texts.ts`. */
import { PlatformError } from '../core/errors.ts';
import { fieldTexts, optionTexts, type FieldText } from './texts.ts';

/**
 * Thrown when a schema field has no Dutch label: add one to `fieldTexts` in src/cms/texts.ts. A `build` error:
 * the CMS config of every buurt is generated during its build.
 */
export class MissingTextError extends PlatformError {
  readonly key: string;
  constructor(key: string) {
    super(`The CMS field "${key}" has no Dutch label; add one to fieldTexts in src/cms/texts.ts.`, { kind: 'build' });
    this.key = key;
    this.name = 'MissingTextError';
  }
}

/**
 * The label and hint of the field at `key` ("agenda.image.alt"): the most specific entry of `fieldTexts`
 * among "agenda.image.alt", "image.alt" and "alt".
 */
export function fieldText(key: string): FieldText {
  const parts = key.split('.');
  for (let i = 0; i < parts.length; i++) {
    const text = fieldTexts[parts.slice(i).join('.')];
    if (text) return text.hint ? { label: text.label, hint: text.hint } : { label: text.label };
  }
  throw new MissingTextError(key);
}

/** The Dutch label of an allowed value of the field at `key`, when there is one. */
export function optionLabel(key: string, value: string): string | undefined {
  return optionTexts[key]?.[value];
}
