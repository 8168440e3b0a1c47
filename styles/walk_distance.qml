<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<!-- parcels of a walking-distance coverage indicator by their distance along the streets to the
     nearest facility (field network_m): the classes of distance.qml; grey: beyond the largest
     radius (network_m NULL) -->
<qgis version="3.22.16-Białowieża" styleCategories="Symbology|Labeling|Rendering" labelsEnabled="0">
  <renderer-v2 type="RuleRenderer" symbollevels="0" enableorderby="0" forceraster="0">
    <rules key="{0f0e6a3c-0000-4000-8000-000000000000}">
      <rule key="{0f0e6a3c-0000-4000-8000-000000000001}" symbol="0" label="≤ 300 m" filter="&quot;network_m&quot; &lt;= 300"/>
      <rule key="{0f0e6a3c-0000-4000-8000-000000000002}" symbol="1" label="300–500 m" filter="&quot;network_m&quot; &gt; 300 AND &quot;network_m&quot; &lt;= 500"/>
      <rule key="{0f0e6a3c-0000-4000-8000-000000000003}" symbol="2" label="500–1000 m" filter="&quot;network_m&quot; &gt; 500 AND &quot;network_m&quot; &lt;= 1000"/>
      <rule key="{0f0e6a3c-0000-4000-8000-000000000004}" symbol="3" label="1000–2000 m" filter="&quot;network_m&quot; &gt; 1000 AND &quot;network_m&quot; &lt;= 2000"/>
      <rule key="{0f0e6a3c-0000-4000-8000-000000000005}" symbol="4" label="&gt; 2000 m" filter="&quot;network_m&quot; &gt; 2000"/>
      <rule key="{0f0e6a3c-0000-4000-8000-000000000006}" symbol="5" label="beyond the radius (not reached)" filter="&quot;network_m&quot; IS NULL"/>
    </rules>
    <symbols>
      <symbol name="0" type="fill" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="0,104,55,200"/>
            <Option name="joinstyle" type="QString" value="miter"/>
            <Option name="outline_color" type="QString" value="90,90,90,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.1"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="style" type="QString" value="solid"/>
          </Option>
          <prop k="color" v="0,104,55,200"/>
          <prop k="joinstyle" v="miter"/>
          <prop k="outline_color" v="90,90,90,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.1"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="style" v="solid"/>
        </layer>
      </symbol>
      <symbol name="1" type="fill" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="102,189,99,200"/>
            <Option name="joinstyle" type="QString" value="miter"/>
            <Option name="outline_color" type="QString" value="90,90,90,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.1"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="style" type="QString" value="solid"/>
          </Option>
          <prop k="color" v="102,189,99,200"/>
          <prop k="joinstyle" v="miter"/>
          <prop k="outline_color" v="90,90,90,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.1"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="style" v="solid"/>
        </layer>
      </symbol>
      <symbol name="2" type="fill" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="254,224,139,200"/>
            <Option name="joinstyle" type="QString" value="miter"/>
            <Option name="outline_color" type="QString" value="90,90,90,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.1"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="style" type="QString" value="solid"/>
          </Option>
          <prop k="color" v="254,224,139,200"/>
          <prop k="joinstyle" v="miter"/>
          <prop k="outline_color" v="90,90,90,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.1"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="style" v="solid"/>
        </layer>
      </symbol>
      <symbol name="3" type="fill" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="244,109,67,200"/>
            <Option name="joinstyle" type="QString" value="miter"/>
            <Option name="outline_color" type="QString" value="90,90,90,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.1"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="style" type="QString" value="solid"/>
          </Option>
          <prop k="color" v="244,109,67,200"/>
          <prop k="joinstyle" v="miter"/>
          <prop k="outline_color" v="90,90,90,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.1"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="style" v="solid"/>
        </layer>
      </symbol>
      <symbol name="4" type="fill" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="165,0,38,200"/>
            <Option name="joinstyle" type="QString" value="miter"/>
            <Option name="outline_color" type="QString" value="90,90,90,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.1"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="style" type="QString" value="solid"/>
          </Option>
          <prop k="color" v="165,0,38,200"/>
          <prop k="joinstyle" v="miter"/>
          <prop k="outline_color" v="90,90,90,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.1"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="style" v="solid"/>
        </layer>
      </symbol>
      <symbol name="5" type="fill" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="color" type="QString" value="150,150,150,200"/>
            <Option name="joinstyle" type="QString" value="miter"/>
            <Option name="outline_color" type="QString" value="90,90,90,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.1"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="style" type="QString" value="solid"/>
          </Option>
          <prop k="color" v="150,150,150,200"/>
          <prop k="joinstyle" v="miter"/>
          <prop k="outline_color" v="90,90,90,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.1"/>
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
