"""Real-client test: QGIS itself (Debian's python3-qgis, headless) opens what plancheck wrote.

Runs the sample plan, then with QGIS:
  1. reads the project <name>.qgs: every layer valid, with the renderer its style promises,
     grouped as docs/results.md says;
  2. opens every vector layer of the database on its own, through the ogr and the
     spatialite provider, and checks that its default style came from layer_styles;
  3. opens every GeoTIFF on its own and checks that its .qml sidecar was applied;
  4. renders the project's visible layers to <out>/preview.png and checks it is not blank;
  5. copies the output folder elsewhere and reads the project there (relative paths);
  6. reads the closed-form plan's project, whose facilities have no classes.
Environment: PC_BINARY, PC_REPO, PC_TEST_TMP (see tests/e2e/common.py); PC_PREVIEW, if set,
is where a copy of the rendered preview goes (scripts/make-preview.sh uses it).
"""
import os
import shutil
import sqlite3
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_RUNTIME_DIR", os.environ.get("PC_TEST_TMP", "/tmp"))

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "e2e"))
from common import REPO, check, finish, run, tempdir  # noqa: E402

from qgis.core import (QgsApplication, QgsExpression, QgsExpressionContext,  # noqa: E402
                       QgsMapRendererSequentialJob, QgsMapSettings, QgsProject, QgsRasterLayer,
                       QgsRectangle, QgsVectorLayer)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402

# what each style must look like once QGIS has read it
VECTOR_RENDERER = {
    "zones": "categorizedSymbol", "landuse": "categorizedSymbol", "facility": "categorizedSymbol",
    "boundary": "singleSymbol", "scope": "singleSymbol", "redline": "singleSymbol",
    "farmland": "singleSymbol", "dev_boundary": "singleSymbol", "service_area": "singleSymbol",
    "gaps": "singleSymbol", "new_patches": "categorizedSymbol", "crossings": "categorizedSymbol",
    "conflicts": "singleSymbol", "noise": "singleSymbol", "counted": "singleSymbol",
    "walk_distance": "RuleRenderer",
}
# the categories of the fixed categorized styles, by the values of their field
CATEGORIES = {"new_patches": ("type", ["infilling", "edge", "outlying"]),
              "crossings": ("line", ["in_redline", "on_farmland", "outside_dev_boundary"])}
RASTER_RENDERER = {"distance": "singlebandpseudocolor", "coverage": "paletted",
                   "landuse_raster": "paletted", "builtup_year": "paletted"}
# a fill colour (R, G, B, A) only plancheck's style gives each single-symbol layer
SINGLE_FILL = {"redline": (56, 168, 0, 128), "farmland": (255, 255, 0, 153),
               "service_area": (65, 171, 93, 90), "gaps": (227, 26, 28, 110),
               "conflicts": (230, 0, 180, 170), "counted": (31, 120, 180, 120)}
# the outline only plancheck's style gives each outline-only layer: symbol layer type and the
# properties that tell it apart from QGIS's default (a random colour, solid, filled)
OUTLINE = {"boundary": ("SimpleFill", {"style": "no", "outline_color": "70,70,70,255",
                                       "outline_style": "dash dot"}),
           "scope": ("SimpleFill", {"style": "no", "outline_color": "20,20,20,255"}),
           "noise": ("SimpleFill", {"style": "no", "outline_color": "255,140,0,255"}),
           "dev_boundary": ("SimpleLine", {"line_color": "255,0,255,255", "use_custom_dash": "1",
                                           "customdash": "4;2"})}
GROUPS = ["三区三线 control lines", "体检指标 indicators", "城镇增长 growth", "基础 base"]


def map_layers(db):
    with sqlite3.connect(db) as con:
        return con.execute("SELECT name, title, type, style FROM map_layers").fetchall()


def check_renderer(layer, style, where):
    """The layer's renderer is the one its style promises (with its signature colour)."""
    r = layer.renderer()
    want = RASTER_RENDERER.get(style) or VECTOR_RENDERER[style]
    check(r is not None and r.type() == want,
          "%s: %s has renderer %s, expected %s" % (where, layer.name(), r and r.type(), want))
    if r is None:
        return
    if style in SINGLE_FILL and r.type() == "singleSymbol":
        c = r.symbol().symbolLayer(0).color()
        got = (c.red(), c.green(), c.blue(), c.alpha())
        check(got == SINGLE_FILL[style], "%s: %s fill %s, expected %s" %
              (where, layer.name(), got, SINGLE_FILL[style]))
    if style in OUTLINE and r.type() == "singleSymbol":
        kind, want_props = OUTLINE[style]
        sl = r.symbol().symbolLayer(0)
        props = sl.properties()
        check(sl.layerType() == kind and all(props.get(k) == v for k, v in want_props.items()),
              "%s: %s is %s %s, expected %s %s" % (where, layer.name(), sl.layerType(),
                                                   {k: props.get(k) for k in want_props},
                                                   kind, want_props))
    if style == "farmland" and r.type() == "singleSymbol":
        check(r.symbol().symbolLayerCount() == 2 and
              r.symbol().symbolLayer(1).layerType() == "LinePatternFill",
              "%s: farmland has no hatch" % where)
    if style == "distance" and r.type() == want:
        items = r.shader().rasterShaderFunction().colorRampItemList()
        check([i.value for i in items][:4] == [300, 500, 1000, 2000],
              "%s: distance steps %s" % (where, [i.value for i in items]))
    if style == "coverage" and r.type() == want:
        labels = [c.label for c in r.classes()]
        check(any("covered" in l for l in labels), "%s: coverage labels %s" % (where, labels))
    if style == "landuse_raster" and r.type() == want:
        # GDAL's colour table alone gives labels "1", "2"...; the sidecar gives "0701 城镇住宅用地"
        labels = [c.label for c in r.classes()]
        check(len(labels) >= 20 and all(" " in l for l in labels),
              "%s: land-use raster labels %s" % (where, labels[:3]))
    if style == "builtup_year" and r.type() == want:
        labels = [c.label for c in r.classes()]
        check(labels == ["2015年", "2020年", "2025年"], "%s: year labels %s" % (where, labels))
    if style in CATEGORIES and r.type() == want:
        field, values = CATEGORIES[style]
        got = [c.value() for c in r.categories()]
        check(r.classAttribute() == field and got == values,
              "%s: %s categories %s of %s, expected %s of %s" %
              (where, layer.name(), got, r.classAttribute(), values, field))
        check(layer.fields().indexOf(field) >= 0,
              "%s: %s lacks field %s" % (where, layer.name(), field))
    if style == "walk_distance" and r.type() == want:
        # the classes of distance.qml on network_m, and NULL (beyond the radius) apart
        rules = r.rootRule().children()
        filters = [x.filterExpression() for x in rules]
        check(len(rules) == 6 and all("network_m" in f for f in filters) and
              any("IS NULL" in f for f in filters),
              "%s: %s rules %s" % (where, layer.name(), filters))
        # every parcel falls in exactly one class
        exprs = [QgsExpression(f) for f in filters]
        ctx = QgsExpressionContext()
        for feature in layer.getFeatures():
            ctx.setFeature(feature)
            n = sum(1 for e in exprs if e.evaluate(ctx))
            if n != 1:
                check(False, "%s: %s: parcel %s matches %d rules" %
                      (where, layer.name(), feature["source_fid"], n))
                break
    if style in ("zones", "landuse", "facility") and r.type() == want:
        check(len(r.categories()) >= 2, "%s: %s has %d categories" %
              (where, layer.name(), len(r.categories())))


def check_project(out, db, rows, name="yongchuan"):
    project = QgsProject.instance()
    project.clear()
    ok = project.read(os.path.join(out, name + ".qgs"))
    check(ok, "QGIS cannot read the project: %s" % project.error())
    check(project.crs().authid() == "EPSG:4544", "project CRS %s" % project.crs().authid())
    layers = {l.name(): l for l in project.mapLayers().values()}
    check(len(layers) == len(rows), "project has %d layers, map_layers %d" % (len(layers), len(rows)))
    for name, title, kind, style in rows:
        layer = layers.get(title)
        check(layer is not None, "project lacks layer %s (%s)" % (title, name))
        if layer is None:
            continue
        check(layer.isValid(), "project layer %s is not valid" % title)
        check_renderer(layer, style, "project")
        if style in ("zones", "facility"):
            check(layer.labelsEnabled() and layer.labeling() is not None,
                  "project: %s has no labels" % title)
    # conflict pieces carry both sides' attributes (issue 5): the survey parcel's code and
    # the control line's name, as fields QGIS reads, on features it can iterate
    by_name = {name: layers.get(title) for name, title, kind, style in rows}
    for name, sides in (("redline_conflicts_conflicts", ("survey_construction_dlbm", "redline_name")),
                        ("farmland_conflicts_conflicts", ("survey_construction_dlbm", "farmland_id")),
                        ("outside_dev_boundary_outside", ("survey_urban_dlbm",))):
        layer = by_name.get(name)
        check(layer is not None and layer.featureCount() > 0, "project: no features in " + name)
        if layer is None:
            continue
        fields = [f.name() for f in layer.fields()]
        check(all(f in fields for f in sides + ("area_m2", "zone")),
              "project: %s fields %s lack %s" % (name, fields, sides))
        values = [(f[sides[0]], f[sides[-1]]) for f in layer.getFeatures()]
        check(all(a and b for a, b in values), "project: %s has empty attributes %s" %
              (name, values[:3]))
    # walking coverage (issue 6): every parcel with its distance, the reached streets
    layer = by_name.get("park_500m_walk_parcels")
    check(layer is not None and layer.featureCount() > 1000, "project: no walking parcels")
    if layer is not None:
        fields = [f.name() for f in layer.fields()]
        check(all(f in fields for f in ("network_m", "connector_m", "covered", "source_fid")),
              "project: park_500m_walk_parcels fields %s" % fields)
        values = [f["network_m"] for f in layer.getFeatures()]
        reached = [v for v in values if isinstance(v, float)]  # NULL is a QVariant
        check(0 < len(reached) < len(values) and max(reached) <= 500,
              "project: walking distances %d of %d, max %s" %
              (len(reached), len(values), max(reached) if reached else None))
    area = by_name.get("park_500m_walk_service_area")
    check(area is not None and area.featureCount() > 0, "project: no walking service area")
    groups = [g.name() for g in project.layerTreeRoot().children()]
    check(groups == [g for g in GROUPS if g in groups] and len(groups) >= 3,
          "groups %s, expected in the order %s" % (groups, GROUPS))
    return project


def check_database_styles(db, rows):
    for name, title, kind, style in rows:
        if kind != "vector":
            continue
        for provider, uri in (("ogr", "%s|layername=%s" % (db, name)),
                              ("spatialite", "dbname='%s' table=\"%s\" (geometry)" % (db, name))):
            layer = QgsVectorLayer(uri, name, provider)
            check(layer.isValid(), "%s layer %s is not valid" % (provider, name))
            if not layer.isValid():
                continue
            msg, ok = layer.loadDefaultStyle()
            check(ok and msg == "Loaded from Provider",
                  "%s: %s has no default style in the database: %s" % (provider, name, msg))
            check_renderer(layer, style, "database via %s" % provider)


def check_rasters(out, rows):
    for name, title, kind, style in rows:
        if kind != "raster":
            continue
        path = os.path.join(out, name)
        check(os.path.exists(os.path.splitext(path)[0] + ".qml"), "no sidecar for %s" % name)
        layer = QgsRasterLayer(path, name)
        check(layer.isValid(), "raster %s is not valid" % name)
        if layer.isValid():
            check_renderer(layer, style, "GeoTIFF with sidecar")


def render(project, out):
    """Renders the checked layers of the project as the tree orders them; returns the path."""
    root = project.layerTreeRoot()
    visible = [n.layer() for n in root.findLayers() if n.isVisible()]
    frame = QgsRectangle()
    for l in visible:
        if l.type() == 0 and l.name().startswith("范围"):
            frame = l.extent()
    if frame.isEmpty():
        frame = visible[0].extent()
    frame.scale(1.05)
    settings = QgsMapSettings()
    settings.setLayers(visible)
    settings.setDestinationCrs(project.crs())
    settings.setBackgroundColor(QColor(255, 255, 255))
    settings.setOutputSize(QSize(1600, int(1600 * frame.height() / frame.width())))
    settings.setExtent(frame)
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    path = os.path.join(out, "preview.png")
    check(image.save(path, "PNG"), "cannot save %s" % path)
    colours, non_white, samples = set(), 0, 0
    for y in range(0, image.height(), 7):
        for x in range(0, image.width(), 7):
            rgb = image.pixel(x, y) & 0xFFFFFF
            colours.add(rgb)
            non_white += rgb != 0xFFFFFF
            samples += 1
    check(len(colours) >= 30, "preview has only %d colours" % len(colours))
    check(non_white > samples * 0.3, "preview is mostly blank (%d of %d)" % (non_white, samples))
    print("rendered %s: %d x %d, %d colours, %.0f%% drawn" % (
        path, image.width(), image.height(), len(colours), 100.0 * non_white / samples))
    return path


def check_unclassed_facilities():
    """A facility layer without 'class' (the closed-form plan's parks) gets one symbol, in the
    colour of facility_classes.csv's 'unknown' row, and the project still loads whole."""
    out = os.path.join(tempdir(), "closed_form")
    r = run("run", os.path.join(REPO, "tests/data/closed_form/plan.ini"), "-o", out, "-q")
    check(r.returncode == 0, "closed-form run failed: %s" % r.stderr)
    if r.returncode != 0:
        return
    project = QgsProject.instance()
    project.clear()
    check(project.read(os.path.join(out, "closed_form.qgs")), "cannot read closed_form.qgs")
    layers = list(project.mapLayers().values())
    check(len(layers) == 7 and all(l.isValid() for l in layers),
          "closed-form project: %s" % [(l.name(), l.isValid()) for l in layers])
    parks = [l for l in layers if l.name() == "设施 parks"]
    check(len(parks) == 1, "closed-form project has no parks layer")
    if parks:
        r = parks[0].renderer()
        c = r.symbol().color() if r.type() == "singleSymbol" else None
        check(c is not None and (c.red(), c.green(), c.blue()) == (161, 217, 155),
              "unclassed parks: %s %s" % (r.type(), c and c.name()))
    project.clear()


def main():
    out = os.path.join(tempdir(), "yongchuan")
    r = run("run", os.path.join(REPO, "layers/yongchuan/plan.ini"), "-o", out, "-q")
    check(r.returncode == 0, "plancheck run failed: %s" % r.stderr)
    if r.returncode != 0:
        finish()
    db = os.path.join(out, "yongchuan.sqlite")
    rows = map_layers(db)
    app = QgsApplication([], False)
    app.initQgis()
    project = check_project(out, db, rows)
    check_database_styles(db, rows)
    check_rasters(out, rows)
    preview = render(project, out)
    if os.environ.get("PC_PREVIEW"):
        shutil.copyfile(preview, os.environ["PC_PREVIEW"])
    # the project keeps working when the folder moves: its paths are relative
    moved = os.path.join(tempdir(), "moved")
    shutil.copytree(out, moved)
    shutil.rmtree(out)
    project.clear()
    check_project(moved, os.path.join(moved, "yongchuan.sqlite"), rows)
    check_unclassed_facilities()
    app.exitQgis()
    finish()


main()
