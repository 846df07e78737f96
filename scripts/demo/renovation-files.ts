/**
 * The renovation layers issue 4 adds to the demo office, as files (docs/DATA-FORMATS.md):
 * public_space_works.geojson (polygons) and demonstration_sites.geojson (points).
 */
import type { OptionalDatasetFileKey } from '../../src/contract';
import type { DemonstrationSiteRecord } from './demonstration-sites';
import type { PublicSpaceRecord } from './public-space';
import { featureCollectionText } from './write';

export function renovationFileTexts(r: {
  publicSpaceWorks: readonly PublicSpaceRecord[];
  demonstrationSites: readonly DemonstrationSiteRecord[];
}): Record<Extract<OptionalDatasetFileKey, 'publicSpaceWorks' | 'demonstrationSites'>, string> {
  return {
    publicSpaceWorks: featureCollectionText(
      r.publicSpaceWorks.map((w) => ({
        properties: { id: w.id, name: w.name, kind: w.kind, year: w.year, status: w.status, started_at: w.started_at, completed_at: w.completed_at, budget_wan: w.budget_wan },
        geometry: w.geometry,
      })),
    ),
    demonstrationSites: featureCollectionText(
      r.demonstrationSites.map((s) => ({
        properties: { id: s.id, name: s.name, theme: s.theme, opened_at: s.opened_at, compound_id: s.compound_id, description: s.description },
        geometry: { type: 'Point', coordinates: s.lonLat },
      })),
    ),
  };
}
