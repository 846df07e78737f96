/**
 * The basemap's OpenStreetMap extract: OSM XML (an Overpass or JOSM export) or `.osm.pbf`
 * (Geofabrik, BBBike), chosen by the file name. A file that cannot be read stops the build like
 * any other input, naming the file and where it went wrong.
 */
import { OsmPbfError, readOsmPbf } from '../../osm/read-osm-pbf';
import { readOsmXml, type OsmData } from '../../osm/read-osm-xml';
import { InputFileError } from '../errors';

export function isPbf(file: string): boolean {
  return /\.pbf$/i.test(file);
}

export function readBasemapOsm(file: string, display: string = file): OsmData {
  if (!isPbf(file)) return readOsmXml(file);
  try {
    return readOsmPbf(file);
  } catch (err) {
    if (err instanceof OsmPbfError) throw new InputFileError(display, `${err.message.slice(err.file.length + 2)}; expected an OpenStreetMap .osm.pbf extract`);
    throw err;
  }
}
