<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<!-- distance to the nearest facility (m), in steps at 300 / 500 / 1000 / 2000 m -->
<qgis version="3.22.16-Białowieża" styleCategories="Symbology|Rendering">
  <pipe>
    <rasterrenderer type="singlebandpseudocolor" band="1" opacity="0.8" alphaBand="-1" classificationMin="0" classificationMax="2000" nodataColor="">
      <rastershader>
        <colorrampshader colorRampType="DISCRETE" classificationMode="1" clip="0" minimumValue="0" maximumValue="2000">
          <item value="300" color="#006837" alpha="255" label="≤ 300 m"/>
          <item value="500" color="#66bd63" alpha="255" label="300–500 m"/>
          <item value="1000" color="#fee08b" alpha="255" label="500–1000 m"/>
          <item value="2000" color="#f46d43" alpha="255" label="1000–2000 m"/>
          <item value="inf" color="#a50026" alpha="255" label="&gt; 2000 m"/>
        </colorrampshader>
      </rastershader>
    </rasterrenderer>
  </pipe>
  <blendMode>0</blendMode>
</qgis>
