<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<!-- new built-up patches by expansion type (LEI, Liu et al. 2010): infilling warm orange, edge expansion red, outlying purple; a plancheck choice -->
<qgis version="3.22.16-Białowieża" styleCategories="Symbology|Labeling|Rendering" labelsEnabled="0">
  <renderer-v2 type="categorizedSymbol" attr="type" symbollevels="0" enableorderby="0" forceraster="0">
    <categories>
      <category value="infilling" symbol="0" label="填充式 infilling (LEI &gt; 50)" render="true"/>
      <category value="edge" symbol="1" label="边缘式 edge expansion (0 &lt; LEI ≤ 50)" render="true"/>
      <category value="outlying" symbol="2" label="飞地式 outlying (LEI = 0)" render="true"/>
    </categories>
    <symbols>
      <symbol name="0" type="fill" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="253,174,97,200"/>
            <Option name="joinstyle" type="QString" value="miter"/>
            <Option name="outline_color" type="QString" value="166,97,26,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.2"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="style" type="QString" value="solid"/>
          </Option>
          <prop k="color" v="253,174,97,200"/>
          <prop k="joinstyle" v="miter"/>
          <prop k="outline_color" v="166,97,26,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.2"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="style" v="solid"/>
        </layer>
      </symbol>
      <symbol name="1" type="fill" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="215,48,39,200"/>
            <Option name="joinstyle" type="QString" value="miter"/>
            <Option name="outline_color" type="QString" value="140,20,20,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.2"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="style" type="QString" value="solid"/>
          </Option>
          <prop k="color" v="215,48,39,200"/>
          <prop k="joinstyle" v="miter"/>
          <prop k="outline_color" v="140,20,20,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.2"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="style" v="solid"/>
        </layer>
      </symbol>
      <symbol name="2" type="fill" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="118,42,131,220"/>
            <Option name="joinstyle" type="QString" value="miter"/>
            <Option name="outline_color" type="QString" value="64,0,75,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.3"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="style" type="QString" value="solid"/>
          </Option>
          <prop k="color" v="118,42,131,220"/>
          <prop k="joinstyle" v="miter"/>
          <prop k="outline_color" v="64,0,75,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.3"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="style" v="solid"/>
        </layer>
      </symbol>
    </symbols>
  </renderer-v2>
  <blendMode>0</blendMode>
  <featureBlendMode>0</featureBlendMode>
  <layerOpacity>1</layerOpacity>
</qgis>
