<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<!-- new built-up land across the control lines: in the red line dark red, on farmland olive, outside the development boundary magenta; a plancheck choice -->
<qgis version="3.22.16-Białowieża" styleCategories="Symbology|Labeling|Rendering" labelsEnabled="0">
  <renderer-v2 type="categorizedSymbol" attr="line" symbollevels="0" enableorderby="0" forceraster="0">
    <categories>
      <category value="in_redline" symbol="0" label="占用生态保护红线 in the red line" render="true"/>
      <category value="on_farmland" symbol="1" label="占用永久基本农田 on permanent farmland" render="true"/>
      <category value="outside_dev_boundary" symbol="2" label="城镇开发边界外 outside the development boundary" render="true"/>
    </categories>
    <symbols>
      <symbol name="0" type="fill" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="165,0,38,230"/>
            <Option name="joinstyle" type="QString" value="miter"/>
            <Option name="outline_color" type="QString" value="90,0,20,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.4"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="style" type="QString" value="solid"/>
          </Option>
          <prop k="color" v="165,0,38,230"/>
          <prop k="joinstyle" v="miter"/>
          <prop k="outline_color" v="90,0,20,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.4"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="style" v="solid"/>
        </layer>
      </symbol>
      <symbol name="1" type="fill" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="140,120,0,230"/>
            <Option name="joinstyle" type="QString" value="miter"/>
            <Option name="outline_color" type="QString" value="80,70,0,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.4"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="style" type="QString" value="solid"/>
          </Option>
          <prop k="color" v="140,120,0,230"/>
          <prop k="joinstyle" v="miter"/>
          <prop k="outline_color" v="80,70,0,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.4"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="style" v="solid"/>
        </layer>
      </symbol>
      <symbol name="2" type="fill" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="197,27,125,230"/>
            <Option name="joinstyle" type="QString" value="miter"/>
            <Option name="outline_color" type="QString" value="110,0,60,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.4"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="style" type="QString" value="solid"/>
          </Option>
          <prop k="color" v="197,27,125,230"/>
          <prop k="joinstyle" v="miter"/>
          <prop k="outline_color" v="110,0,60,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.4"/>
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
