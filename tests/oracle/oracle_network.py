"""Independent oracle for walking-distance coverage (`kind = coverage` with `distance =
network`) on layers/yongchuan/plan.ini: every such indicator of the plan recomputed parcel
by parcel with shapely and networkx straight from the sample GeoPackage, and compared with
the `<id>_parcels` tables and indicator_results plancheck wrote.

The oracle restates the method without plancheck's code. The network layer's lines are
noded by a shapely unary_union; each dangling end within `snap` of another edge gets a
straight connector to its nearest point there. Parcels (PointOnSurface of each parcel
clipped to the scope) and facility access points (point facilities; the entrances of polygon
facilities within `access` of them; else the facility boundary densified every
`access_spacing` metres, the points within `access` of the network) are linked to their
nearest point on the network and inserted there as nodes by splitting the edge. One
networkx Dijkstra per facility radius runs from a virtual source joined to every access
point by its starting cost (its connector, plus an entrance's distance to its facility).

network_m must agree within 0.1 m (NULL beyond the largest radius), connector_m too, covered
flags exactly (parcels within 0.1 m of a radius are reported apart, not failed), the shares
of the scope and of every zone within 0.01 percentage points. A point can be equally near
two edges (the sample's parks are set back from their streets, so many outline points at a
corner or bend are): the method may link it to either, so such parcels must lie between the
distances the choices allow (Indicator.solve), and differences from the oracle's own choice
are reported. No dead end of the sample is within the default snap of 2 m of another
street, so three of the indicators are run again with a snap of 60 m.

The invariant that a walk is never shorter than the straight line is checked too: network_m
is at least the straight-line distance from the parcel's point to the nearest qualifying
facility, so the share covered along the network is at most the share whose point is within
the radius in a straight line, and below the area-exact straight-line coverage of a plain
coverage indicator with the same facilities and radius.
"""
import csv
import math
import os
import re
import sqlite3
import subprocess
import sys
import time
import warnings
from collections import Counter, defaultdict

import networkx as nx
import numpy as np
from osgeo import ogr
from shapely import wkb
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box
from shapely.ops import substring, unary_union
from shapely.prepared import prep
from shapely.strtree import STRtree
from shapely.validation import make_valid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "e2e"))
from common import BINARY, REPO, check, finish, tempdir  # noqa: E402

# shapely 1.8 (Debian 12) warns that STRtree's items argument goes away in 2.0
warnings.filterwarnings("ignore", message="STRtree will be changed")

PLAN = os.path.join(REPO, "layers", "yongchuan", "plan.ini")
DISTANCE_TOLERANCE = 0.1   # m: network_m and connector_m
PERCENT_TOLERANCE = 0.01   # percentage points
AREA_TOLERANCE = 1e-6      # relative: parcel areas and residents
TIE = 1e-6                 # m: two edges this close to equally near a point are a tie
SNAP_VARIANT = 60.0        # m: no dead end of the sample is within the default 2 m of another
                           # street; at 60 m 18 are joined, and some parcels' walks change
DEFAULTS = {"snap": 2.0, "access": 30.0, "access_spacing": 10.0, "speed": 60.0}  # m, m/min
VOCABULARIES = {"ydyh": "ydyh", "用地用海": "ydyh", "sandiao": "sandiao", "三调": "sandiao",
                "gb50137": "gb50137"}


# ---------------------------------------------------------------- the plan and its layers
def read_plan(path):
    """{section: {key: value}} of a plan file as inih reads it: `;` or `#` opening a line and
    `;` after whitespace start comments, the first `=` splits key from value."""
    sections, current = {}, None
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            line = re.split(r"(?:^|\s);", raw.rstrip("\n"), maxsplit=1)[0].strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("["):
                current = sections.setdefault(" ".join(line[1:line.index("]")].split()), {})
            elif current is not None and "=" in line:
                key, _, value = line.partition("=")
                current[key.strip()] = value.strip()
            else:
                raise ValueError("%s:%d: cannot read %r" % (path, number, raw))
    return sections


def polygonal(geometry):
    """The polygonal part of a geometry (None if it has none)."""
    if geometry.is_empty:
        return None
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    parts = []
    for g in getattr(geometry, "geoms", []):
        if g.geom_type == "Polygon":
            parts.append(g)
        elif g.geom_type == "MultiPolygon":
            parts.extend(g.geoms)
    parts = [p for p in parts if p.area > 0]
    return None if not parts else parts[0] if len(parts) == 1 else MultiPolygon(parts)


class Plan:
    """The plan file's sections, and its [layer]s read through OGR (attribute filters are
    OGR SQL, so OGR applies them here too)."""

    def __init__(self, path):
        self.path = path
        self.dir = os.path.dirname(os.path.abspath(path))
        self.sections = read_plan(path)
        self.settings = self.sections.get("plan", {})
        self.layers = {}
        self.codes = None

    def code_table(self):
        """{vocabulary: {code: 用地用海 code}} of the plan's code table (or the shipped one)."""
        if self.codes is None:
            path = self.settings.get("codes")
            path = os.path.join(self.dir, path) if path else \
                os.path.join(REPO, "data", "landuse_codes.csv")
            with open(path, encoding="utf-8") as f:
                rows = list(csv.reader(l for l in f if l.strip() and not l.startswith("#")))
            self.codes = defaultdict(dict)
            for row in rows[1:]:
                if len(row) >= 4 and row[0]:
                    self.codes[row[0]][row[1]] = row[3]
        return self.codes

    def zones(self, name):
        """[(zone name, dissolved polygons)] of a [zones] schema."""
        section = self.sections["zones " + name]
        parts = defaultdict(list)
        for _, g, attrs in self.layer(name, section):
            parts[attrs[section["name"]]].append(g)
        return [(zone, unary_union(gs)) for zone, gs in parts.items()]

    def layer(self, name, section=None):
        """[(fid, shapely geometry, {field: value})] of a [layer]: `where` as the attribute
        filter, `classes` as 用地用海 prefixes of the `class` values mapped through the code
        table by `vocabulary`, invalid polygons made valid (their polygonal part kept),
        features without geometry skipped."""
        if section is None and name in self.layers:
            return self.layers[name]
        section = section or self.sections["layer " + name]
        ds = ogr.Open(os.path.join(self.dir, section["source"]))
        lyr = ds.GetLayerByName(section["layer"]) if "layer" in section else ds.GetLayer(0)
        crs = self.settings.get("crs", "")
        srs = lyr.GetSpatialRef()
        check(srs is None or "EPSG:%s" % srs.GetAuthorityCode(None) == crs,
              "layer %s is not in the plan CRS %s: the oracle does not reproject" % (name, crs))
        if "where" in section:
            lyr.SetAttributeFilter(section["where"])
        keep = None
        if "classes" in section:
            table = self.code_table()
            vocabularies = [VOCABULARIES[v.strip()] for v in
                            section.get("vocabulary", "ydyh").split(",")]
            prefixes = [c.strip() for c in section["classes"].split(",")]

            def keep(value):
                for v in vocabularies:
                    if value in table[v]:
                        return any(table[v][value].startswith(p) for p in prefixes)
                return False
        out = []
        for feature in lyr:
            ref = feature.GetGeometryRef()
            if ref is None or ref.IsEmpty():
                continue
            if keep is not None and not keep(str(feature.GetField(section["class"]))):
                continue
            geometry = wkb.loads(bytes(ref.ExportToWkb()))
            if geometry.geom_type in ("Polygon", "MultiPolygon") and not geometry.is_valid:
                geometry = polygonal(make_valid(geometry))
                if geometry is None:
                    continue
            out.append((feature.GetFID(), geometry, feature.items()))
        if section is self.sections.get("layer " + name):
            self.layers[name] = out
        return out

    def region(self, name):
        """The dissolved polygons of a [layer], as a scope."""
        return unary_union([g for _, g, _ in self.layer(name)])


def number(text, what):
    """(value, unit) of a distance in m (`500`, `500 m`, `0.5 km`), of minutes (`10 min`) or
    of a speed in m/min (`50 m/min`, `4.5 km/h`, `1.2 m/s`)."""
    m = re.fullmatch(r"\s*([0-9]*\.?[0-9]+)\s*(km/h|m/s|m/min|km|min|m)?\s*", text)
    if not m:
        raise ValueError("cannot read %s %r" % (what, text))
    scale = {"km": 1000.0, "km/h": 1000.0 / 60.0, "m/s": 60.0}.get(m.group(2), 1.0)
    return float(m.group(1)) * scale, m.group(2)


def radii(section):
    """[(least facility area m2 or None, radius m)], largest area first: `radius = 500`,
    `radius = 10 min` at `speed` m/min, or `radius = 5000:500, 2000:300` by facility area."""
    speed = number(section.get("speed", str(DEFAULTS["speed"])), "speed")[0]
    out = []
    for part in section["radius"].split(","):
        area, _, radius = part.rpartition(":")
        value, unit = number(radius, "radius")
        value = value * speed if unit == "min" else value
        out.append((float(area.replace("m2", "")) if area else None, value))
    return sorted(out, key=lambda t: -(t[0] or 0.0))


def setting(section, key):
    """A distance setting of an indicator, or its default."""
    return number(section.get(key, str(DEFAULTS[key])), key)[0]


# ---------------------------------------------------------------- the network
class Network:
    """The walkable graph. Edges are (LineString, end node, end node); nodes are the
    coordinates of the noded pieces' ends, snap points ("snap", piece, position) and
    inserted points ("at", edge, position). Points are inserted while linking; graph()
    then splits every edge at its inserted points."""

    def __init__(self, lines, snap):
        noded = unary_union(lines)
        pieces = [g for g in getattr(noded, "geoms", [noded]) if g.length > 0]
        degree = Counter()
        for e in pieces:
            degree[e.coords[0]] += 1
            degree[e.coords[-1]] += 1
        tree = STRtree(pieces, items=range(len(pieces)))
        splits = defaultdict(dict)   # piece -> {position: node}
        self.connectors = []         # (length, dangling end, node on the other edge)
        for i, e in enumerate(pieces):
            for end in dict.fromkeys((e.coords[0], e.coords[-1])):
                if degree[end] != 1:
                    continue
                p = Point(end)
                best = None
                for j in tree.query_items(box(end[0] - snap, end[1] - snap,
                                              end[0] + snap, end[1] + snap)):
                    d = pieces[j].distance(p)
                    if j != i and d <= snap and (best is None or d < best[0]):
                        best = (d, j)
                if best is None:
                    continue
                d, j = best
                t = pieces[j].project(p)
                q = pieces[j].interpolate(t).coords[0]
                if t <= 0.0 or q == pieces[j].coords[0]:
                    node = pieces[j].coords[0]
                elif t >= pieces[j].length or q == pieces[j].coords[-1]:
                    node = pieces[j].coords[-1]
                else:
                    node = splits[j].setdefault(t, ("snap", j, t))
                self.connectors.append((d, end, node, q))
        self.edges = []
        for j, e in enumerate(pieces):
            cuts = sorted(splits.get(j, {}))
            nodes = [e.coords[0]] + [splits[j][t] for t in cuts] + [e.coords[-1]]
            at = [0.0] + cuts + [e.length]
            for a in range(len(nodes) - 1):
                piece = e if not cuts else substring(e, at[a], at[a + 1])
                self.edges.append((piece, nodes[a], nodes[a + 1]))
        self.zero = []               # connectors of length 0: graph edges, nothing to link to
        for d, end, node, q in self.connectors:
            if d > 0:
                self.edges.append((LineString([end, q]), end, node))
            else:
                self.zero.append((end, node))
        self.tree = STRtree([e[0] for e in self.edges], items=range(len(self.edges)))
        # every segment of every edge: start, direction, length, position along its edge
        xy = [np.asarray(e[0].coords) for e in self.edges]
        a = np.concatenate([c[:-1] for c in xy])
        b = np.concatenate([c[1:] for c in xy])
        self.seg_start, self.seg_dir = a, b - a
        self.seg_len = np.hypot(self.seg_dir[:, 0], self.seg_dir[:, 1])
        counts = [len(c) - 1 for c in xy]
        self.seg_edge = np.repeat(np.arange(len(xy)), counts)
        self.first_seg = np.concatenate([[0], np.cumsum(counts)])
        self.seg_at = np.zeros(len(a))
        self.length = []
        for i in range(len(xy)):
            lo, hi = self.first_seg[i], self.first_seg[i + 1]
            run = np.cumsum(self.seg_len[lo:hi])
            self.seg_at[lo + 1:hi] = run[:-1]
            self.length.append(float(run[-1]))
        self.inserted = defaultdict(dict)
        self.pieces = len(pieces)
        self.dangling = sum(1 for n in degree.values() if n == 1)

    def node(self, edge, t):
        """The node at position t along an edge, inserted there if it is not an end."""
        _, u, v = self.edges[edge]
        if t <= 0.0:
            return u
        if t >= self.length[edge]:
            return v
        return self.inserted[edge].setdefault(t, ("at", edge, t))

    def link(self, p, within=None):
        """(connector length, [node]) of a point: its nearest point on the network inserted as
        a node, then any other point as near within TIE (a tie: on another edge, or on
        another segment of the same edge); None when `within` is given and no edge is that
        close. Distances are computed segment by segment."""
        if within is None:
            reach = self.edges[self.tree.nearest_item(p)][0].distance(p) + TIE
        else:
            reach = within
        edges = self.tree.query_items(box(p.x - reach, p.y - reach, p.x + reach, p.y + reach))
        if not edges:
            return None
        segs = np.concatenate([np.arange(self.first_seg[i], self.first_seg[i + 1])
                               for i in edges])
        rel = np.array([p.x, p.y]) - self.seg_start[segs]
        d = self.seg_dir[segs]
        length = self.seg_len[segs]
        square = np.maximum(length * length, 1e-300)   # a repeated vertex: t = 0
        t = np.clip((rel * d).sum(axis=1) / square, 0.0, 1.0)
        dist = np.hypot(rel[:, 0] - t * d[:, 0], rel[:, 1] - t * d[:, 1])
        order = np.argsort(dist, kind="stable")
        least = float(dist[order[0]])
        if least > reach:
            return None
        nodes = []
        for k in order:
            if dist[k] > least + TIE:
                break
            n = self.node(int(self.seg_edge[segs[k]]),
                          float(self.seg_at[segs[k]] + t[k] * length[k]))
            if n not in nodes:
                nodes.append(n)
        return least, nodes

    def graph(self):
        """The networkx graph of the edges split at every inserted point (weights: lengths
        along the edge; of parallel edges the shortest)."""
        g = nx.Graph()

        def add(u, v, w):
            if u != v and (not g.has_edge(u, v) or g[u][v]["weight"] > w):
                g.add_edge(u, v, weight=w)
        for i, (_, u, v) in enumerate(self.edges):
            cuts = sorted(self.inserted.get(i, {}))
            nodes = [u] + [self.inserted[i][t] for t in cuts] + [v]
            at = [0.0] + cuts + [self.length[i]]
            for a in range(len(nodes) - 1):
                add(nodes[a], nodes[a + 1], at[a + 1] - at[a])
        for u, v in self.zero:
            add(u, v, 0.0)
        return g


def boundary_candidates(geometry, spacing):
    """Points along a polygon's rings (or a line): the vertices (a ring's closing one once)
    and, on every segment of length L, the points cutting it into max(1, ceil(L / spacing))
    equal parts; exterior then interior rings, part by part."""
    out = []
    for part in getattr(geometry, "geoms", [geometry]):
        lines = [part.exterior] + list(part.interiors) if part.geom_type == "Polygon" \
            else [part]
        for line in lines:
            xy = list(line.coords)
            for (x0, y0), (x1, y1) in zip(xy[:-1], xy[1:]):
                n = max(1, math.ceil(math.hypot(x1 - x0, y1 - y0) / spacing))
                out.extend(Point(x0 + (x1 - x0) * k / n, y0 + (y1 - y0) * k / n)
                           for k in range(n))
            if not line.is_ring:
                out.append(Point(xy[-1]))
    return out


def boundary_access(net, geometry, access, spacing):
    """[([node], starting cost)] of a polygon facility without entrances: its boundary
    candidates linked within `access`, or the one with the least connector if none is."""
    candidates = boundary_candidates(geometry, spacing)
    out = []
    for c in candidates:
        linked = net.link(c, within=access)
        if linked is not None:
            out.append((linked[1], linked[0]))
    if not out:
        best = min((net.link(c) for c in candidates), key=lambda t: t[0])
        out.append((best[1], best[0]))
    return out


def facility_access(net, facilities, entrances, access, spacing, cache):
    """[[([node], starting cost)] per facility] of facilities [(layer, fid, geometry)]:
    a point facility's points; a polygon's entrances, the points within `access` of it
    (each to its nearest polygon; cost: connector + distance to it); else its boundary
    (cached by layer, fid, access and spacing)."""
    out = [[] for _ in facilities]
    polygons = [k for k, (_, _, g) in enumerate(facilities)
                if g.geom_type in ("Polygon", "MultiPolygon")]
    if entrances and polygons:
        tree = STRtree([facilities[k][2] for k in polygons], items=polygons)
        for p in entrances:
            best = None
            for k in tree.query_items(box(p.x - access, p.y - access, p.x + access,
                                          p.y + access)):
                d = facilities[k][2].distance(p)
                if d <= access and (best is None or d < best[0]):
                    best = (d, k)
            if best is not None:
                connector, nodes = net.link(p)
                out[best[1]].append((nodes, connector + best[0]))
    for k, (layer, fid, g) in enumerate(facilities):
        if g.geom_type in ("Point", "MultiPoint"):
            for p in getattr(g, "geoms", [g]):
                connector, nodes = net.link(p)
                out[k].append((nodes, connector))
        elif not out[k]:
            key = (layer, fid, access, spacing)
            if key not in cache:
                cache[key] = boundary_access(net, g, access, spacing)
            out[k] = cache[key]
    return out


def spread(graph, nodes, cache):
    """The longest walk from a point's first link to its other tied links (0 without ties;
    infinite beyond 500 m)."""
    if len(nodes) == 1:
        return 0.0
    key = ("spread", id(graph)) + tuple(nodes)
    if key not in cache:
        near = nx.single_source_dijkstra_path_length(graph, nodes[0], cutoff=500.0)
        cache[key] = max(near.get(n, math.inf) for n in nodes[1:])
    return cache[key]


def network_distances(graph, access, cutoff):
    """{node: least network distance from the access points [(node, starting cost)]} up to
    cutoff: Dijkstra from a virtual source joined to each by its starting cost."""
    if not access:
        return {}
    source = ("source",)
    for node, cost in access:
        if cost == math.inf:
            continue
        if not graph.has_edge(source, node) or graph[source][node]["weight"] > cost:
            graph.add_edge(source, node, weight=cost)
    dist = nx.single_source_dijkstra_path_length(graph, source, cutoff=cutoff)
    graph.remove_node(source)
    return dist


# ---------------------------------------------------------------- one indicator
class Indicator:
    """One network coverage indicator: its parcels, access points per radius, and (after
    solve) each parcel's network and straight-line distance per radius."""

    def __init__(self, plan, ident, net, cache):
        s = plan.sections["indicator " + ident]
        self.ident = ident
        self.section = s
        self.radii = radii(s)
        self.largest = max(r for _, r in self.radii)
        access = setting(s, "access")
        spacing = setting(s, "access_spacing")
        self.scope_name = s.get("scope", plan.settings.get("scope"))

        # measured parcels: features of the layer in the scope, clipped; their points
        scope = plan.region(self.scope_name)
        pscope = prep(scope)
        population = plan.sections["layer " + s["layer"]].get("population")
        self.parcels = []
        for fid, g, attrs in plan.layer(s["layer"]):
            if not pscope.intersects(g):
                continue
            part = g if pscope.contains(g) else polygonal(g.intersection(scope))
            if part is None:
                continue
            point = part.representative_point()
            connector, nodes = net.link(point)
            pop = None if population is None else \
                (attrs[population] or 0) * part.area / g.area
            self.parcels.append({"fid": fid, "geometry": part, "area": part.area, "pop": pop,
                                 "point": point, "connector": connector, "nodes": nodes})

        # zones: each clipped to the scope, and the parcels' area in it
        self.zones = []
        if "zones" in s:
            for zone, g in plan.zones(s["zones"]):
                region = g.intersection(scope)
                pregion = prep(region)
                parts = {}
                for k, p in enumerate(self.parcels):
                    if pregion.intersects(p["geometry"]):
                        inside = p["geometry"].area if pregion.contains(p["geometry"]) else \
                            p["geometry"].intersection(region).area
                        if inside > 0:
                            parts[k] = inside
                self.zones.append((zone, parts))

        # facilities: their radius by area, and their access points
        self.groups = {r: {"access": [], "shapes": []} for _, r in self.radii}
        qualifying = []
        for fid, g, _ in plan.layer(s["facility"]):
            radius = None
            for least, r in self.radii:
                if least is None or g.area >= least:
                    radius = r
                    break
            if radius is not None:
                qualifying.append((fid, g, radius))
                self.groups[radius]["shapes"].append(g)
        points = []
        if "entrances" in s:
            for _, e, _ in plan.layer(s["entrances"]):
                points.extend(getattr(e, "geoms", [e]))
        for k, nodes in enumerate(facility_access(net, [(s["facility"], fid, g) for fid, g, _
                                                        in qualifying], points, access,
                                                  spacing, cache)):
            self.groups[qualifying[k][2]]["access"].extend(nodes)
        self.facilities = len(qualifying)

    def solve(self, graph, cache):
        """Every parcel's network distance per radius (infinite beyond the largest radius
        plus 1 m) by Dijkstra from a virtual source joined to the radius's access points,
        and its straight-line distance to their facilities.

        A point equally near two edges (a tie) may be linked to either. The oracle's figure
        takes each point's first link. Bounds allow any choice: the low one takes every
        tied link of an access point (and the parcel's best), the high one its first link
        plus the walk from there to the farthest of its other links (and the parcel's
        worst)."""
        reach = self.largest + 1.0
        for p in self.parcels:
            p["network"], p["low"], p["high"], p["straight"] = {}, {}, {}, {}
        for radius, group in self.groups.items():
            access = group["access"]
            first = network_distances(graph, [(n[0], c) for n, c in access], reach)
            group["ties"] = sum(1 for n, _ in access if len(n) > 1)
            low = high = first
            if group["ties"]:
                low = network_distances(graph, [(m, c) for n, c in access for m in n], reach)
                high = network_distances(graph, [(n[0], c + spread(graph, n, cache))
                                                 for n, c in access], reach)
            shapes = group["shapes"]
            tree = STRtree(shapes, items=range(len(shapes))) if shapes else None
            for p in self.parcels:
                c = p["connector"]
                p["network"][radius] = c + first.get(p["nodes"][0], math.inf)
                p["low"][radius] = min(c + low.get(n, math.inf) for n in p["nodes"])
                p["high"][radius] = max(c + high.get(n, math.inf) for n in p["nodes"])
                x, y = p["point"].x, p["point"].y
                near = [shapes[j].distance(p["point"]) for j in tree.query_items(
                    box(x - reach, y - reach, x + reach, y + reach))] if tree else []
                p["straight"][radius] = min(near, default=math.inf)
        for p in self.parcels:
            d = p["network"]
            p["network_m"] = min(d.values())
            p["network_low"] = min(p["low"].values())
            p["network_high"] = min(p["high"].values())
            p["covered"] = any(d[r] <= r for r in d)
            # covered might go either way: within the tolerance of a radius, or ties across it
            p["unsure"] = any(p["low"][r] - DISTANCE_TOLERANCE <= r <=
                              p["high"][r] + DISTANCE_TOLERANCE for r in d)
            p["straight_m"] = min(p["straight"].values())
            p["straight_covered"] = any(p["straight"][r] <= r for r in d)

    def share(self, flag):
        total = sum(p["area"] for p in self.parcels)
        return 100.0 * sum(p["area"] for p in self.parcels if p[flag]) / total


def network_indicators(plan):
    return [name.split(None, 1)[1] for name, s in plan.sections.items()
            if name.startswith("indicator ") and s.get("kind") == "coverage" and
            s.get("distance") == "network"]


def compute(plan):
    """{id: Indicator} of every network coverage indicator of the plan, solved."""
    nets, cache, out = {}, {}, {}
    for ident in network_indicators(plan):
        s = plan.sections["indicator " + ident]
        key = (s["network"], setting(s, "snap"))
        if key not in nets:
            lines = []
            for _, g, _ in plan.layer(s["network"]):
                lines.extend(getattr(g, "geoms", [g]))
            nets[key] = Network(lines, key[1])
        out[ident] = Indicator(plan, ident, nets[key], cache)
    graphs = {key: net.graph() for key, net in nets.items()}
    for ident, ind in out.items():
        s = plan.sections["indicator " + ident]
        ind.solve(graphs[(s["network"], setting(s, "snap"))], cache)
    return out, nets


def self_test():
    """The oracle's own machinery on a made-up network, against distances worked out by hand:
    a street along y = 0; a side street whose end is 1.5 m from it (snapped) and one 2.5 m
    away (not: unreachable); a point facility, a square park reached by its boundary, a
    remote triangle reached by its nearest vertex, and a park reached by its entrance."""
    net = Network([LineString([(0, 0), (1000, 0)]), LineString([(500, 1.5), (500, 300)]),
                   LineString([(800, 2.5), (800, 300)])], 2.0)
    check([round(c[0], 9) for c in net.connectors] == [1.5],
          "self-test: connectors %s, expected one of 1.5 m" % [c[0] for c in net.connectors])
    facilities = [("test", 1, Point(100, 10)), ("test", 2, box(200, 20, 300, 120)),
                  ("test", 3, Polygon([(20, 400), (30, 405), (25, 415)])),
                  ("test", 4, box(600, -120, 700, -20))]
    access = facility_access(net, facilities, [Point(650, -10), Point(900, -70)], 30.0, 10.0,
                             {})
    cases = [(0, (120, -5), 35.0), (0, (505, 200), 5 + 198.5 + 1.5 + 400 + 10),
             (0, (805, 200), None), (1, (250, -10), 10 + 20.0), (2, (30, -1), 1 + 10 + 400.0),
             (3, (640, 5), 5 + 10 + 10 + 10.0)]
    links = [net.link(Point(xy)) for _, xy, _ in cases]
    graph = net.graph()
    for (k, xy, expected), (connector, nodes) in zip(cases, links):
        got = network_distances(graph, [(n[0], c) for n, c in access[k]], 5000.0).get(nodes[0])
        got = None if got is None else got + connector
        check((got is None) == (expected is None) and
              (got is None or abs(got - expected) < 1e-9),
              "self-test: facility %d from %s: %s m, expected %s m" % (k + 1, xy, got, expected))


# ---------------------------------------------------------------- comparison
def plancheck_output(plan_path):
    """The SpatiaLite database of a plancheck run on the plan."""
    out = os.path.join(tempdir(), "out")
    r = subprocess.run([BINARY, "run", plan_path, "-o", out, "-q"], capture_output=True,
                       text=True)
    if r.returncode != 0:
        print(r.stderr, file=sys.stderr)
        sys.exit(1)
    name = read_plan(plan_path)["plan"]["name"]
    return sqlite3.connect(os.path.join(out, name + ".sqlite"))


def scope_row(con, ident, scope_name):
    rows = con.execute("SELECT value, pop_value FROM indicator_results WHERE id = ? AND "
                       "measure IS NULL AND (zone IS NULL OR zone = '' OR zone = ?)",
                       (ident, scope_name)).fetchall()
    check(len(rows) == 1, "%s: %d scope rows in indicator_results" % (ident, len(rows)))
    return rows[0] if rows else (None, None)


def fmt(v):
    return "NULL" if v is None else "%.3f" % v


def describe(p):
    """A parcel's oracle figures, for a message."""
    def m(v):
        return fmt(v if v < math.inf else None)
    return "connector %.3f from point (%.3f, %.3f)%s; per radius %s" % (
        p["connector"], p["point"].x, p["point"].y,
        ", %d tied links" % len(p["nodes"]) if len(p["nodes"]) > 1 else "",
        ", ".join("%g m: %s%s" % (r, m(v), "" if p["low"][r] == p["high"][r] else
                                 " (ties: %s to %s)" % (m(p["low"][r]), m(p["high"][r])))
                  for r, v in sorted(p["network"].items())))


def compare_parcel(ind, p, row, report):
    """Checks one parcel; returns |network_m difference| where no tie is involved."""
    fid, area, pop, network_m, connector_m, covered = row
    what = "%s fid %d" % (ind.ident, fid)
    R = ind.largest
    check(area is not None and abs(area - p["area"]) <= AREA_TOLERANCE * p["area"],
          "%s: area_m2 plancheck %s, oracle %.3f" % (what, area, p["area"]))
    if p["pop"] is not None:
        check(pop is not None and abs(pop - p["pop"]) <= AREA_TOLERANCE * max(p["pop"], 1.0),
              "%s: population plancheck %s, oracle %.3f" % (what, pop, p["pop"]))
    check(connector_m is not None and abs(connector_m - p["connector"]) <= DISTANCE_TOLERANCE,
          "%s: connector_m plancheck %s, oracle %s" % (what, fmt(connector_m), describe(p)))
    oracle, low, high = p["network_m"], p["network_low"], p["network_high"]
    tied = high - low > 1e-9
    diff = 0.0
    if network_m is None:
        if high <= R - DISTANCE_TOLERANCE:
            check(False, "%s: network_m plancheck NULL, oracle %s (%s)" % (
                what, fmt(oracle), describe(p)))
        elif low <= R:
            report.append("%s: network_m NULL, oracle %s at the %g m radius (%s)" % (
                what, fmt(oracle), R, describe(p)))
    else:
        check(network_m <= R + 1e-9, "%s: network_m %.3f beyond the largest radius %g m is not "
              "NULL" % (what, network_m, R))
        check(low - DISTANCE_TOLERANCE <= network_m <= high + DISTANCE_TOLERANCE,
              "%s: network_m plancheck %.3f (connector_m %s), oracle %s (%s)" % (
                  what, network_m, fmt(connector_m), fmt(oracle if oracle < math.inf else None),
                  describe(p)))
        if not tied:
            diff = abs(network_m - oracle)
        elif abs(network_m - oracle) > DISTANCE_TOLERANCE:
            report.append("%s: network_m plancheck %.3f, oracle %s through other tied links (%s)"
                          % (what, network_m, fmt(oracle if oracle < math.inf else None),
                             describe(p)))
        check(network_m >= p["straight_m"] - 1e-6, "%s: network_m %.3f is shorter than the "
              "straight line %.3f to the nearest facility" % (what, network_m, p["straight_m"]))
    if p["unsure"]:
        report.append("%s: at its radius, covered plancheck %s, oracle %d (%s)" % (
            what, covered, p["covered"], describe(p)))
    else:
        check(covered == int(p["covered"]), "%s: covered plancheck %s, oracle %d (network_m "
              "plancheck %s; %s)" % (what, covered, int(p["covered"]), fmt(network_m),
                                     describe(p)))
    return diff


def compare(con, ind, report):
    """Compares one indicator's parcels and scope shares; returns (parcels, max |diff|)."""
    table = ind.ident + "_parcels"
    try:
        rows = con.execute('SELECT source_fid, area_m2, population, network_m, connector_m, '
                           'covered FROM "%s"' % table).fetchall()
    except sqlite3.OperationalError as e:
        check(False, "%s: no table %s (%s)" % (ind.ident, table, e))
        return 0, 0.0
    check(len(rows) == len(ind.parcels), "%s: plancheck has %d parcels, the oracle %d" %
          (ind.ident, len(rows), len(ind.parcels)))
    ours = defaultdict(list)
    for row in rows:
        ours[row[0]].append(row)
    worst, border = 0.0, []
    for p in ind.parcels:
        candidates = ours.get(p["fid"])
        if not candidates:
            check(False, "%s: parcel fid %d missing from %s" % (ind.ident, p["fid"], table))
            continue
        row = min(candidates, key=lambda r: abs((r[1] or 0.0) - p["area"]))
        candidates.remove(row)
        worst = max(worst, compare_parcel(ind, p, row, border))
    for fid, left in ours.items():
        for row in left:
            check(False, "%s: plancheck parcel fid %s (%.1f m2) not in the oracle" % (
                ind.ident, fid, row[1] or 0.0))

    # the shares of the scope and of each zone (a parcel's area and residents in a zone
    # carry its status)
    value, pop_value = scope_row(con, ind.ident, ind.scope_name)
    regions = [(ind.scope_name, (value, pop_value), {k: p["area"] for k, p in
                                                     enumerate(ind.parcels)})]
    for zone, parts in ind.zones:
        rows = con.execute("SELECT value, pop_value FROM indicator_results WHERE id = ? AND "
                           "zone = ? AND measure IS NULL", (ind.ident, zone)).fetchall()
        check(len(rows) == 1, "%s: %d rows for zone %s" % (ind.ident, len(rows), zone))
        if rows and parts:
            regions.append((zone, rows[0], parts))
    for region, (got_area, got_pop), parts in regions:
        for label, got, weight in (("share", got_area, lambda p, a: a),
                                   ("population-weighted share", got_pop,
                                    lambda p, a: p["pop"] * a / p["area"])):
            if ind.parcels[0]["pop"] is None and label != "share":
                continue
            items = [(weight(ind.parcels[k], a), ind.parcels[k]) for k, a in parts.items()]
            total = sum(w for w, _ in items)
            share = 100.0 * sum(w for w, p in items if p["covered"]) / total
            swing = 100.0 * sum(w for w, p in items if p["unsure"]) / total
            check(got is not None and share - swing - PERCENT_TOLERANCE <= got <=
                  share + swing + PERCENT_TOLERANCE, "%s %s: %s plancheck %s %%, oracle %.4f %%%s"
                  % (ind.ident, region, label, got, share,
                     " (+-%.4f at the radius)" % swing if swing else ""))
    report.extend(border)
    print("%-16s %4d parcels %d zones  plancheck %8.4f %%  oracle %8.4f %%  straight "
          "%8.4f %%  max |diff| %.4f m" % (ind.ident, len(ind.parcels), len(regions) - 1,
                                           value if value is not None else float("nan"),
                                           ind.share("covered"), ind.share("straight_covered"),
                                           worst))
    return len(ind.parcels), worst


def invariants(plan, indicators, con=None):
    """A walk is never shorter than the straight line: parcel by parcel, in the shares, and
    against a straight-line coverage indicator of the same facilities, radius and scope.
    Returns how many such pairs there were."""
    pairs = 0
    for ident, ind in indicators.items():
        for p in ind.parcels:
            for r in ind.groups:
                for v in (p["network"][r], p["low"][r]):
                    check(v > ind.largest + 1.0 or v >= p["straight"][r] - 1e-6,
                          "%s fid %d: oracle network distance %.3f shorter than the straight "
                          "line %.3f" % (ident, p["fid"], v, p["straight"][r]))
        check(ind.share("covered") <= ind.share("straight_covered") + 1e-9,
              "%s: network share %.4f %% above the straight-line share %.4f %%" % (
                  ident, ind.share("covered"), ind.share("straight_covered")))
        if con is None:
            continue
        s = ind.section
        for name, t in plan.sections.items():
            if name.startswith("indicator ") and t.get("kind") == "coverage" and \
                    t.get("distance", "straight") != "network" and \
                    all(t.get(k) == s.get(k) for k in ("facility", "layer", "radius", "scope",
                                                       "speed")):
                other = name.split(None, 1)[1]
                pairs += 1
                ours = scope_row(con, ident, ind.scope_name)[0]
                straight = scope_row(con, other, ind.scope_name)[0]
                check(ours is not None and straight is not None and ours < straight,
                      "%s: network share %s %% not below %s's straight-line %s %%" % (
                          ident, ours, other, straight))
                print("%-18s plancheck %8.4f %% along the network < %s %8.4f %% in a straight "
                      "line" % (ident, ours if ours is not None else float("nan"), other,
                                straight if straight is not None else float("nan")))
    return pairs


def snap_variant(plan, directory):
    """A plan of three of the sample's network indicators (one with entrances, one with point
    facilities, one with polygons), each with snap = SNAP_VARIANT, so that plancheck and the
    oracle join dead ends too; without zones, sources made absolute."""
    idents = network_indicators(plan)

    def facility_kind(ident):
        s = plan.sections["indicator " + ident]
        if "entrances" in s:
            return "entrances"
        return plan.layer(s["facility"])[0][1].geom_type.replace("Multi", "")
    chosen = {}
    for ident in idents:
        chosen.setdefault(facility_kind(ident), ident)
    layers = {plan.settings["scope"]}
    lines = ["[plan]"] + ["%s = %s" % (k, plan.settings[k]) for k in ("name", "crs", "scope")]
    if "codes" in plan.settings:
        lines.append("codes = %s" % os.path.join(plan.dir, plan.settings["codes"]))
    for ident in chosen.values():
        s = dict(plan.sections["indicator " + ident], snap="%g m" % SNAP_VARIANT)
        s.pop("zones", None)
        layers.update(s[k] for k in ("network", "facility", "entrances", "layer", "scope")
                      if k in s)
        lines += ["", "[indicator %s]" % ident] + ["%s = %s" % kv for kv in s.items()]
    for name in sorted(layers):
        s = dict(plan.sections["layer " + name])
        s["source"] = os.path.join(plan.dir, s["source"])
        lines += ["", "[layer %s]" % name] + ["%s = %s" % kv for kv in s.items()]
    path = os.path.join(directory, "snap.ini")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return path


def run_oracle(plan_path, report):
    """Runs plancheck and the oracle on a plan and compares them; returns (plan,
    indicators, database, networks, parcels compared, max |diff|)."""
    plan = Plan(plan_path)
    con = plancheck_output(plan_path)
    indicators, nets = compute(plan)
    for key, net in nets.items():
        print("network %s: %d noded pieces, %d dangling ends, %d joined within %g m, "
              "%d edges" % (key[0], net.pieces, net.dangling, len(net.connectors), key[1],
                            len(net.edges)))
    parcels, worst, ties = 0, 0.0, []
    for ident, ind in indicators.items():
        n, w = compare(con, ind, report)
        parcels += n
        worst = max(worst, w)
        ties.append("%s %d/%d" % (ident, sum(1 for p in ind.parcels if len(p["nodes"]) > 1),
                                  sum(g["ties"] for g in ind.groups.values())))
    print("parcel/access points equally near two edges (either link accepted): " +
          ", ".join(ties))
    return plan, indicators, con, nets, parcels, worst


def main():
    plan_path = sys.argv[1] if len(sys.argv) > 1 else PLAN
    started = time.time()
    self_test()
    plan = Plan(plan_path)
    idents = network_indicators(plan)
    check(idents, "%s has no coverage indicator with distance = network" % plan_path)
    check(any("entrances" in plan.sections["indicator " + i] for i in idents),
          "no network indicator has entrances: update the oracle's coverage")
    report = []
    plan, indicators, con, _, parcels, worst = run_oracle(plan_path, report)
    check(invariants(plan, indicators, con) > 0, "no network indicator has a straight-line "
          "twin (same facility, layer, radius and scope) to be below")
    print("-- the same with snap = %g m:" % SNAP_VARIANT)
    variant = snap_variant(plan, tempdir())
    variant, snapped, _, nets, n, w = run_oracle(variant, report)
    invariants(variant, snapped)
    check(all(net.connectors for net in nets.values()),
          "no dead end joined at snap = %g m: the variant tests nothing" % SNAP_VARIANT)
    for line in report:
        print("note: " + line)
    print("%d network indicators (and %d with snap = %g m), %d parcels compared, max "
          "|network_m diff| %.4f m, %.0f s" % (len(indicators), len(snapped), SNAP_VARIANT,
                                               parcels + n, max(worst, w),
                                               time.time() - started))
    finish()


if __name__ == "__main__":
    main()
