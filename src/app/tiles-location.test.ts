import { describe, expect, it } from 'vitest';
import { sampleManifest } from './test-fixtures/manifest';
import { archiveUrl, manifestUrl, pmtilesSourceUrl } from './tiles-location';

describe('tiles location', () => {
  it('finds the manifest under the site root', () => {
    expect(manifestUrl('/', 'http://127.0.0.1:4173/')).toBe('http://127.0.0.1:4173/tiles/manifest.json');
  });

  it('works under a sub-path with a relative base, wherever the page is served', () => {
    expect(manifestUrl('./', 'http://intranet.local/apps/guatu/index.html?lang=en')).toBe('http://intranet.local/apps/guatu/tiles/manifest.json');
    expect(manifestUrl('/guatu', 'http://intranet.local/guatu/')).toBe('http://intranet.local/guatu/tiles/manifest.json');
  });

  it('tags an archive URL with its checksum so a rebuilt archive is fetched fresh', () => {
    const m = sampleManifest();
    expect(archiveUrl('grids', m, '/', 'http://h/')).toBe('http://h/tiles/grids.pmtiles?v=0123456789ab');
  });

  it('still builds the URL of an archive the manifest does not list', () => {
    expect(archiveUrl('lamps', sampleManifest(), '/', 'http://h/')).toBe('http://h/tiles/lamps.pmtiles');
  });

  it('reads another data set from its sub-folder when the address names one (?data=)', () => {
    expect(manifestUrl('./', 'http://h/guatu/?ws=ledger&data=sf311')).toBe('http://h/guatu/tiles/sf311/manifest.json');
    expect(archiveUrl('grids', sampleManifest(), './', 'http://h/?data=sf311')).toBe('http://h/tiles/sf311/grids.pmtiles?v=0123456789ab');
    // Anything but a plain folder name is ignored, never followed.
    expect(manifestUrl('/', 'http://h/?data=../../etc')).toBe('http://h/tiles/manifest.json');
  });

  it('prefixes the pmtiles protocol', () => {
    expect(pmtilesSourceUrl('http://h/tiles/lamps.pmtiles')).toBe('pmtiles://http://h/tiles/lamps.pmtiles');
  });
});
