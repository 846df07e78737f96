/**
 * The style-spec types the builders return. They come from @maplibre/maplibre-gl-style-spec, the
 * package maplibre-gl's own type declarations import them from (it is installed with maplibre-gl);
 * type-only, so nothing of it is bundled.
 */
export type {
  CircleLayerSpecification,
  DataDrivenPropertyValueSpecification,
  ExpressionSpecification,
  FillLayerSpecification,
  FilterSpecification,
  HeatmapLayerSpecification,
  LayerSpecification,
  LineLayerSpecification,
  SourceSpecification,
  StyleSpecification,
  SymbolLayerSpecification,
  VectorSourceSpecification,
} from '@maplibre/maplibre-gl-style-spec';
