/**
 * Sunset and sunrise for the sub-district, offline: suncalc (Meeus' algorithms, no network, runs in
 * Node and in the browser alike). Times are the standard rise/set of the Sun's upper limb with
 * refraction (altitude −0.833°), as almanacs and weather services publish them.
 */
import { getTimes } from 'suncalc';
import { addDays, zonedInstant, type CivilDate } from './civil-time';

export interface SunTimes {
  /** Epoch ms; null where the Sun does not set that day (polar summer, never in a city here). */
  sunset: number | null;
  sunrise: number | null;
}

/**
 * Sunrise and sunset of one civil date at a place. suncalc picks the solar day from the instant it is
 * given, so it is given the office's local noon of that date, which always lies inside the right day.
 */
export function sunTimesOn(date: CivilDate, lat: number, lon: number, timeZone: string): SunTimes {
  const noon = zonedInstant(date, 12 * 60, timeZone);
  const times = getTimes(new Date(noon), lat, lon);
  return { sunset: times.sunset?.getTime() ?? null, sunrise: times.sunrise?.getTime() ?? null };
}

/** The evening and morning of one night: sunset on `date`, sunrise on the day after. */
export function nightSunTimes(date: CivilDate, lat: number, lon: number, timeZone: string): { sunset: number | null; sunrise: number | null } {
  return { sunset: sunTimesOn(date, lat, lon, timeZone).sunset, sunrise: sunTimesOn(addDays(date, 1), lat, lon, timeZone).sunrise };
}
