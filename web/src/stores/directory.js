import { reactive } from 'vue';
import { getTaxonomy, listRegions, listUnits } from '@/api/directory.js';

// Reference data (taxonomy, regions, units), loaded once per session and shared.
export const directory = reactive({
  loaded: false,
  taxonomy: { categories: [], figures: [], unit_kinds: [], perspectives: [] },
  regions: [],
  units: [],
  regionByCode: {},
  unitById: {},
  categoryByCode: {},
});

let loading = null;

export function loadDirectory({ units = true } = {}) {
  if (directory.loaded) return Promise.resolve(directory);
  if (!loading) {
    loading = Promise.all([getTaxonomy(), listRegions(), units ? listUnits() : Promise.resolve([])])
      .then(([taxonomy, regions, unitList]) => {
        directory.taxonomy = taxonomy;
        directory.regions = regions;
        directory.units = unitList;
        directory.regionByCode = Object.fromEntries(regions.map((r) => [r.code, r]));
        directory.unitById = Object.fromEntries(unitList.map((u) => [u.id, u]));
        directory.categoryByCode = Object.fromEntries(taxonomy.categories.map((c) => [c.code, c]));
        directory.loaded = true;
        return directory;
      })
      .finally(() => {
        loading = null;
      });
  }
  return loading;
}

export function resetDirectory() {
  directory.loaded = false;
}

/**
 * A category's name for the locale: the English name from the taxonomy in English, else
 * `fallback` (e.g. the server's name on the event), else the taxonomy's name, else the code.
 */
export function categoryLabel(code, locale, fallback) {
  const c = directory.categoryByCode[code];
  if (locale === 'en' && c?.name_en) return c.name_en;
  return fallback || c?.name || code;
}

/** The county-level regions under `root` (all when root is the top), in gazetteer order. */
export function countiesUnder(root) {
  const inside = (code) => {
    for (let r = directory.regionByCode[code]; r; r = directory.regionByCode[r.parent]) {
      if (r.code === root) return true;
    }
    return false;
  };
  return directory.regions.filter((r) => r.level === 'county' && (!root || inside(r.code)));
}

/** The county a region code falls in (itself for a county), or null above county level. */
export function countyOf(code) {
  const r = directory.regionByCode[code];
  return r && r.level === 'county' ? r.code : null;
}

/** Map coordinates for a region: its own, else its parent's. */
export function regionPoint(code) {
  for (let r = directory.regionByCode[code]; r; r = directory.regionByCode[r.parent]) {
    if (r.lat != null && r.lon != null) return [r.lon, r.lat];
  }
  return null;
}
