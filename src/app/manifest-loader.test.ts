import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadManifest, ManifestError, parseManifest } from './manifest-loader';
import { sampleManifest } from './test-fixtures/manifest';

const FILE = 'tiles/manifest.json';

describe('parseManifest', () => {
  it('accepts a complete manifest', () => {
    const m = sampleManifest();
    expect(parseManifest(JSON.parse(JSON.stringify(m)), FILE)).toEqual(m);
  });

  it('rejects a manifest of another schema version, naming the file and field', () => {
    expect(() => parseManifest({ ...sampleManifest(), schemaVersion: 2 }, FILE)).toThrow(
      'tiles/manifest.json: field "schemaVersion" is 2; expected 1',
    );
  });

  it('rejects bounds with west east of east', () => {
    const bad = { ...sampleManifest(), bounds: [118.8, 32.03, 118.76, 32.06] };
    expect(() => parseManifest(bad, FILE)).toThrow(/field "bounds" is \[118\.8,32\.03,118\.76,32\.06\]; expected \[west, south, east, north\]/);
  });

  it('rejects a headline figure that is not a number', () => {
    const m = sampleManifest();
    const bad = { ...m, headline: { ...m.headline, problemsOverdue: '17' } };
    expect(() => parseManifest(bad, FILE)).toThrow(/headline\.problemsOverdue" is "17"; expected a number/);
  });

  it('rejects missing breaks for a metric', () => {
    const m = sampleManifest();
    const bad = { ...m, gridMetricBreaks: { open_problems: [1], problems_per_100hh: [1] } };
    expect(() => parseManifest(bad, FILE)).toThrow(/gridMetricBreaks\.renovation_coverage/);
  });

  it('rejects a lookup table row without a name', () => {
    const bad = { ...sampleManifest(), departments: [{ code: 'D01' }] };
    expect(() => parseManifest(bad, FILE)).toThrow(/field "departments"/);
  });

  it('rejects empty input', () => {
    expect(() => parseManifest(null, FILE)).toThrow(ManifestError);
    expect(() => parseManifest([], FILE)).toThrow(/\(root\)/);
  });
});

describe('loadManifest over HTTP', () => {
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/tiles/manifest.json') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(sampleManifest()));
      } else if (req.url === '/spa/manifest.json') {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>app</title>');
      } else if (req.url === '/broken/manifest.json') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"schemaVersion": 1,');
      } else {
        res.writeHead(404).end('not found');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('fetches and validates the manifest', async () => {
    await expect(loadManifest(`${origin}/tiles/manifest.json`)).resolves.toEqual(sampleManifest());
  });

  it('reports a missing manifest with its URL and status', async () => {
    await expect(loadManifest(`${origin}/nowhere/manifest.json`)).rejects.toThrow(`${origin}/nowhere/manifest.json: HTTP 404`);
  });

  it('reports a truncated manifest as invalid JSON', async () => {
    await expect(loadManifest(`${origin}/broken/manifest.json`)).rejects.toThrow(/broken\/manifest\.json: is not valid JSON/);
  });

  it('reports a web page served in place of the manifest as missing', async () => {
    await expect(loadManifest(`${origin}/spa/manifest.json`)).rejects.toThrow(/spa\/manifest\.json: is missing/);
  });

  it('reports an unreachable server', async () => {
    await expect(loadManifest('http://127.0.0.1:1/tiles/manifest.json')).rejects.toThrow(/could not be fetched/);
  });
});
