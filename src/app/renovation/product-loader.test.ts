import { describe, expect, it } from 'vitest';
import { handWorkedProduct } from '../../analysis/renovation/fixture';
import { parseRenovationProduct, renovationProductUrl } from './product-loader';

describe('loading renovation.json', () => {
  it('accepts the product the pipeline writes', () => {
    const product = handWorkedProduct();
    expect(parseRenovationProduct(JSON.parse(JSON.stringify(product)), 'r.json')).toEqual(product);
  });

  it('names the file and the field of a stale or broken product', () => {
    expect(() => parseRenovationProduct({ ...handWorkedProduct(), schemaVersion: 2 }, 'tiles/renovation.json')).toThrow(/tiles\/renovation\.json: field "schemaVersion"/);
    expect(() => parseRenovationProduct({ ...handWorkedProduct(), lastMonth: '2023-13' }, 'r.json')).toThrow(/field "lastMonth"/);
    const { compounds: _dropped, ...rest } = handWorkedProduct();
    expect(() => parseRenovationProduct(rest, 'r.json')).toThrow(/field "compounds" must be an array/);
    expect(() => parseRenovationProduct([], 'r.json')).toThrow(/\(root\)/);
  });

  it('finds the product beside the manifest, versioned by its checksum, or none', () => {
    const manifest = { renovation: { file: 'renovation.json', sha256: 'abcdef0123456789', bytes: 1 } } as never;
    expect(renovationProductUrl(manifest, './', 'http://intranet/guatu/?ws=renovation')).toBe('http://intranet/guatu/tiles/renovation.json?v=abcdef012345');
    expect(renovationProductUrl({ renovation: undefined }, './', 'http://intranet/guatu/')).toBeNull();
  });
});
