import { get } from './http.js';

export const listUnits = () => get('/api/v1/units').then((d) => d.units);
export const listRegions = () => get('/api/v1/regions').then((d) => d.regions);
/** {categories, figures, unit_kinds, perspectives}. */
export const getTaxonomy = () => get('/api/v1/taxonomy');
