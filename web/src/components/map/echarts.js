// ECharts with only the parts the maps use, and the region's county boundaries registered
// once. The boundaries are bundled (src/assets/README.md): nothing is fetched at run time.
import * as echarts from 'echarts/core';
import { EffectScatterChart, MapChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import raw from '@/assets/ningxia-counties.geojson?raw';

echarts.use([MapChart, ScatterChart, EffectScatterChart, GeoComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export const MAP_NAME = 'region-counties';
const boundaries = JSON.parse(raw);
echarts.registerMap(MAP_NAME, boundaries);

/** County code -> {name, parent, center:[lon, lat]} from the bundled boundaries. */
export const countyInfo = Object.fromEntries(
  boundaries.features.map((f) => [f.properties.adcode, { name: f.properties.name, parent: f.properties.parent, center: f.properties.center }]),
);

export { echarts };
