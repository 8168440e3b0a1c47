<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<!-- coverage mask: 1 measured land covered, 2 measured land not covered, 3 other land, 0 outside (nodata) -->
<qgis version="3.22.16-Białowieża" styleCategories="Symbology|Rendering">
  <pipe>
    <rasterrenderer type="paletted" band="1" opacity="0.85" alphaBand="-1" nodataColor="">
      <colorPalette>
        <paletteEntry value="1" color="#1a9850" alpha="255" label="覆盖范围内 covered"/>
        <paletteEntry value="2" color="#d73027" alpha="255" label="覆盖范围外 not covered"/>
        <paletteEntry value="3" color="#e6e6e6" alpha="255" label="其他用地 other land"/>
      </colorPalette>
    </rasterrenderer>
  </pipe>
  <blendMode>0</blendMode>
</qgis>
