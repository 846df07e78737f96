/**
 * Grid codes (网格编码): the 12/15/17-digit statistical-division scheme of DOMAIN.md.
 * Pure string functions, shared by the generator, the validator and the app.
 */

export const SUBDISTRICT_CODE_LENGTH = 9;
export const COMMUNITY_CODE_LENGTH = 12;
export const GRID_L4_CODE_LENGTH = 15;
export const GRID_L5_CODE_LENGTH = 17;
/** A level-5 suffix of `00` means the level-4 grid is not subdivided. */
export const UNDIVIDED_L5_SUFFIX = '00';

const DIGITS = /^\d+$/;

export function isCode(code: string, length: number): boolean {
  return code.length === length && DIGITS.test(code);
}

/** The parent code one level up: 17→15, 15→12, 12→9. Throws on a code of another length. */
export function parentCode(code: string): string {
  switch (code.length) {
    case GRID_L5_CODE_LENGTH:
      return code.slice(0, GRID_L4_CODE_LENGTH);
    case GRID_L4_CODE_LENGTH:
      return code.slice(0, COMMUNITY_CODE_LENGTH);
    case COMMUNITY_CODE_LENGTH:
      return code.slice(0, SUBDISTRICT_CODE_LENGTH);
    default:
      throw new Error(`grid code "${code}" has ${code.length} digits; expected 12, 15 or 17`);
  }
}

/** Appends a zero-padded sequence number: `childCode('320102001', 3, 7)` → `'320102001007'`. */
export function childCode(parent: string, digits: number, sequence: number): string {
  const seq = String(sequence);
  if (seq.length > digits || sequence < 0 || !Number.isInteger(sequence)) {
    throw new Error(`sequence ${sequence} does not fit in ${digits} digits under ${parent}`);
  }
  return parent + seq.padStart(digits, '0');
}

/** Category code: 2-digit major + 3-digit minor. */
export function majorOfCategory(categoryCode: string): string {
  return categoryCode.slice(0, 2);
}

export function isCategoryCode(code: string): boolean {
  return isCode(code, 5);
}
