#!/usr/bin/env python3
"""Synthetic province (or county) in the ZoneScreen dataset format, for benchmarks.

Usage:
    python3 benchmarks/province/make_province.py --setting province|county [--out DIR] [--seed N]

Default output: .build-province/<setting> (gitignored; never commit generated data).

Deterministic: the same seed and setting give byte-identical files.

Geometry is built in a local metric plane (km, equirectangular around the region centre) and mapped
affinely to CGCS2000 lon/lat (EPSG:4490), rounded to 7 decimals. Control units tile the region
exactly: seeds on a jittered grid -> Voronoi cells clipped to an irregular region outline -> the noded
edge network; every interior edge is densified and perturbed ONCE, rounded ONCE, and the faces are
assembled with shapely.polygonize, so neighbours share identical vertex sequences.
"""
import argparse
import json
import math
import os
import random
import re
import shutil
import sys
import time

import numpy as np
import shapely
import yaml
from pyproj import Transformer
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box, mapping

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
DEMO = os.path.join(ROOT, "Fixtures", "demo")
# The GB/T 4754-2017 catalogue the tool carries built in (the shared copy when run from elsewhere).
CATALOGUE = next((path for path in (os.path.join(ROOT, "Sources", "Zoning", "Resources", "gbt4754-2017.csv"),
                                    "/work/shared/data/gbt4754-2017.csv") if os.path.exists(path)),
                 os.path.join(ROOT, "Sources", "Zoning", "Resources", "gbt4754-2017.csv"))

SETTINGS = {
    # width/height in degrees; units; vertices per unit; red lines; tributaries; sites; parcels; counties
    "province": dict(lon0=111.0, lat0=30.0, width=6.0, height=4.0, units=2000, vertices=1000,
                     redlines=3000, tributaries=10, points=100_000, parcels=10_000, counties=80,
                     water_sources=20, river_width=1.2),
    "county": dict(lon0=111.0, lat0=30.0, width=0.55, height=0.4, units=60, vertices=200,
                   redlines=60, tributaries=3, points=5_000, parcels=500, counties=1,
                   water_sources=2, river_width=0.8),
}

T0 = time.time()


def log(message):
    print(f"[{time.time() - T0:7.1f} s] {message}", flush=True)


# ---------------------------------------------------------------------------------------------- frame
class Frame:
    """Local km plane <-> lon/lat (affine, so topology is preserved exactly up to rounding)."""

    def __init__(self, lon0, lat0):
        self.lon0, self.lat0 = lon0, lat0
        self.kx = 111.320 * math.cos(math.radians(lat0))  # km per degree of longitude
        self.ky = 110.574                                  # km per degree of latitude

    def to_lonlat(self, geometry):
        def f(xy):
            out = np.empty_like(xy)
            out[:, 0] = np.round(self.lon0 + xy[:, 0] / self.kx, 7)
            out[:, 1] = np.round(self.lat0 + xy[:, 1] / self.ky, 7)
            return out
        return shapely.transform(geometry, f)


def smooth_noise(rng, t, terms, amplitude, min_k=1):
    """Sum of sines with random phases, amplitudes falling as 1/k^2 (smooth, bounded slope)."""
    out = np.zeros_like(t)
    for k in range(min_k, min_k + terms):
        out += rng.uniform(-1, 1) / (k * k) * np.sin(2 * math.pi * k * t + rng.uniform(0, 2 * math.pi))
    peak = np.max(np.abs(out)) or 1.0
    return out / peak * amplitude


# --------------------------------------------------------------------------------------------- region
def make_region(rng, width_km, height_km, spacing):
    n = max(400, int(2 * math.pi * max(width_km, height_km) / 2 / spacing))
    theta = np.linspace(0, 2 * math.pi, n, endpoint=False)
    r = 0.90 + smooth_noise(rng, theta / (2 * math.pi), 12, 0.08) + smooth_noise(rng, theta / (2 * math.pi), 40, 0.015, min_k=12)
    xs = width_km / 2 * r * np.cos(theta)
    ys = height_km / 2 * r * np.sin(theta)
    region = Polygon(np.column_stack([xs, ys]))
    assert region.is_valid
    return region


# ---------------------------------------------------------------------------------------------- units
def make_units(rng, region, frame, n_units, vertices_per_unit):
    t = time.time()
    area = region.area
    minx, miny, maxx, maxy = region.bounds
    h = math.sqrt(area / n_units)
    inner = region.buffer(-0.15 * h)
    jitter_seed = rng.random()
    for _ in range(12):  # adjust the grid spacing until the seed count is within 2% of the target
        jr = random.Random(jitter_seed)
        xy = np.array([(minx + (ix + 0.5 + jr.uniform(-0.3, 0.3)) * h, miny + (iy + 0.5 + jr.uniform(-0.3, 0.3)) * h)
                       for iy in range(int((maxy - miny) / h) + 2) for ix in range(int((maxx - minx) / h) + 2)])
        xy = xy[shapely.contains_xy(inner, xy[:, 0], xy[:, 1])]
        if abs(len(xy) - n_units) <= max(1, 0.02 * n_units):
            break
        h *= math.sqrt(len(xy) / n_units)
    seeds = shapely.points(xy)
    spacing = 4.0 * h / vertices_per_unit  # unit perimeter ~ 4 h
    region = shapely.segmentize(region, spacing)  # densify the outline once, so it equals the units' outer edges
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(seeds), extend_to=region.buffer(h)))
    cells = shapely.intersection(cells, region)
    cells = cells[~shapely.is_empty(cells)]
    log(f"units: {len(seeds)} seeds (target {n_units}), Voronoi cells {time.time() - t:.1f} s")

    # Noded edge network: boundaries of all cells, merged through degree-2 nodes.
    network = shapely.line_merge(shapely.unary_union(shapely.boundary(cells)))
    edges = list(shapely.get_parts(network))
    # Interior Voronoi edges are straight 2-point segments; pieces of the outline are the rest.
    outline = region.exterior
    lengths = shapely.length(edges)
    interior = [i for i, e in enumerate(edges) if outline.distance(e.interpolate(0.5, normalized=True)) > 1e-9]
    interior_set = set(interior)
    log(f"units: {len(edges)} edges ({len(interior)} interior), vertex spacing {spacing * 1000:.0f} m")

    def perturb(edge, amp_scale):
        (x0, y0), (x1, y1) = edge.coords[0], edge.coords[-1]
        length = math.hypot(x1 - x0, y1 - y0)
        n = max(2, int(round(length / spacing)))
        s = np.linspace(0, 1, n + 1)
        d = smooth_noise(rng, s / 2, 24, 0.08 * length * amp_scale) * np.sin(math.pi * s)  # 0 at ends
        nx, ny = -(y1 - y0) / length, (x1 - x0) / length
        xs = x0 + s * (x1 - x0) + d * nx
        ys = y0 + s * (y1 - y0) + d * ny
        xs[0], ys[0], xs[-1], ys[-1] = x0, y0, x1, y1
        return LineString(np.column_stack([xs, ys]))

    original = {i: edges[i] for i in interior}
    out = list(edges)
    amp = {i: 1.0 for i in interior}
    for i in interior:
        out[i] = perturb(original[i], 1.0)
    # Outline pieces: densify only (the outline is already irregular).
    for i in range(len(edges)):
        if i not in interior_set:
            out[i] = shapely.segmentize(edges[i], spacing)
    # Map to lon/lat (rounded once) and repair any edge that crosses another or itself.
    for attempt in range(8):
        ll = [frame.to_lonlat(e) for e in out]
        tree = shapely.STRtree(ll)
        a, b = tree.query(ll, predicate="crosses")
        bad = {int(x) for x, y in zip(a, b) if x < y} | {int(y) for x, y in zip(a, b) if x < y}
        bad |= {i for i, e in enumerate(ll) if not e.is_simple}
        bad &= interior_set
        if not bad:
            break
        log(f"units: repair pass {attempt + 1}: {len(bad)} crossing edges re-perturbed with half amplitude")
        for i in sorted(bad):
            amp[i] *= 0.5
            out[i] = perturb(original[i], amp[i]) if amp[i] > 0.01 else shapely.segmentize(original[i], spacing)
    faces = shapely.get_parts(shapely.polygonize(ll))
    log(f"units: polygonize -> {len(faces)} faces from {len(cells)} cells, {time.time() - t:.1f} s")
    assert len(faces) == len(cells), "polygonize lost or gained faces"
    region_ll = frame.to_lonlat(region)
    return list(faces), region_ll, ll


# -------------------------------------------------------------------------------------------- rivers
def make_rivers(rng, region, frame, n_trib, width_km):
    minx, miny, maxx, maxy = region.bounds
    W, H = maxx - minx, maxy - miny
    xs = np.linspace(minx - 0.05 * W, maxx + 0.05 * W, 3000 if W > 200 else 1200)
    u = (xs - xs[0]) / (xs[-1] - xs[0])
    ys = 0.08 * H * np.sin(2 * math.pi * 0.7 * u + rng.uniform(0, 6)) + smooth_noise(rng, u, 30, 0.06 * H, min_k=2)
    centre = LineString(np.column_stack([xs, ys]))
    main_water = centre.buffer(width_km / 2, quad_segs=4)
    features = []
    for side, sign in (("左岸", 1), ("右岸", -1)):
        bank = centre.offset_curve(sign * width_km / 2, quad_segs=4).intersection(region)
        features.append(({"HLMC": "长江", "HLDJ": "干流", "AB": side}, bank))
    names = ["清江", "澜江", "沮漳河", "白沙河", "清溪河", "桃花溪", "玉泉河", "黄柏河", "松滋河", "渔洋河",
             "香溪", "神农溪", "龙潭河", "南河", "北河", "东河"]
    lines = [("长江", "干流", centre)]
    for k in range(n_trib):
        x0 = minx + (k + 0.5 + rng.uniform(-0.3, 0.3)) / n_trib * W
        y0 = float(np.interp(x0, xs, ys))
        sign = 1 if k % 2 == 0 else -1
        length = rng.uniform(0.5, 0.9) * H
        s = np.linspace(0, 1, 800 if W > 200 else 300)
        tx = x0 + smooth_noise(rng, s, 12, 0.12 * length) * np.sin(math.pi * s / 2) + rng.uniform(-0.2, 0.2) * length * s
        ty = y0 + sign * s * length
        trib = LineString(np.column_stack([tx, ty]))
        cls = "重要支流" if k % 3 == 0 else "支流"
        w = width_km * (0.35 if cls == "重要支流" else 0.2)
        name = names[k % len(names)]
        for side, bsign in (("左岸", 1), ("右岸", -1)):
            bank = trib.offset_curve(bsign * w / 2, quad_segs=4).intersection(region).difference(main_water)
            if not bank.is_empty:
                features.append(({"HLMC": name, "HLDJ": cls, "AB": side}, shapely.line_merge(bank) if bank.geom_type == "MultiLineString" else bank))
        lines.append((name, cls, trib))
    out = []
    for props, g in features:
        g = frame.to_lonlat(shapely.segmentize(g, 0.2))
        out.append((props, g))
    return out, centre


# ----------------------------------------------------------------------------------------- red lines
def star(rng, cx, cy, radius, n, rough=0.22):
    theta = np.linspace(0, 2 * math.pi, n, endpoint=False)
    r = radius * (1 + smooth_noise(rng, theta / (2 * math.pi), 10, rough) + smooth_noise(rng, theta / (2 * math.pi), 30, 0.03, min_k=10))
    return Polygon(np.column_stack([cx + r * np.cos(theta), cy + r * np.sin(theta)]))


def make_redlines(rng, region, frame, count, big):
    area = region.area
    c = math.sqrt(area / (count * 1.6))
    minx, miny, maxx, maxy = region.bounds
    while True:
        cells = []
        for iy in range(int((maxy - miny) / c) + 1):
            for ix in range(int((maxx - minx) / c) + 1):
                cell = box(minx + ix * c, miny + iy * c, minx + (ix + 1) * c, miny + (iy + 1) * c)
                if region.contains(cell):
                    cells.append(cell)
        if len(cells) >= count:
            break
        c *= 0.95
    rbar = 1.03 * math.sqrt(0.25 * area / (count * math.pi))  # mean radius for ~25% cover
    rng.shuffle(cells)
    cells = cells[:count]
    geoms = []
    for k, cell in enumerate(cells):
        cx, cy = cell.centroid.x, cell.centroid.y
        n = rng.randint(150, 500) if big else rng.randint(60, 200)
        kind = rng.random()
        if kind < 0.1:      # MultiPolygon: 2-3 parts in separate quadrants
            quads = [(-1, -1), (1, 1), (1, -1), (-1, 1)]
            parts = [star(rng, cx + qx * c / 4, cy + qy * c / 4, rbar * rng.uniform(0.5, 0.6), n // 2, rough=0.18)
                     for qx, qy in quads[:rng.choice([2, 3])]]
            g = shapely.union_all(parts)
        else:
            g = star(rng, cx, cy, rbar * rng.uniform(0.8, 1.15), n, rough=0.18)
            if kind < 0.22:   # a hole (an enclave that is not red line)
                hole = star(rng, cx + rng.uniform(-0.03, 0.03) * c, cy, rbar * 0.25, 40, rough=0.1)
                g = g.difference(hole)
        g = g.intersection(cell.buffer(-c * 0.01))
        g = shapely.make_valid(g)
        if g.geom_type == "GeometryCollection":
            g = shapely.unary_union([p for p in g.geoms if p.geom_type in ("Polygon", "MultiPolygon")])
        geoms.append(g)
    return [frame.to_lonlat(g) for g in geoms]


# -------------------------------------------------------------------------------------------- writing
def orient(g):
    return shapely.orient_polygons(g) if hasattr(shapely, "orient_polygons") else g


def write_fc(path, name, features):
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"type":"FeatureCollection","name":%s,"features":[\n' % json.dumps(name))
        for i, (props, geom) in enumerate(features):
            feature = {"type": "Feature", "properties": props, "geometry": mapping(geom)}
            f.write(("," if i else "") + json.dumps(feature, ensure_ascii=False, separators=(",", ":")) + "\n")
        f.write("]}\n")


def size(path):
    return f"{os.path.getsize(path) / 1e6:.1f} MB"


# ----------------------------------------------------------------------------------------------- main
def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--setting", choices=sorted(SETTINGS), default="province")
    parser.add_argument("--out")
    parser.add_argument("--seed", type=int, default=20240630)
    parser.add_argument("--overlap-sample", type=int, default=0, help="units whose neighbour overlaps are checked (0 = all)")
    args = parser.parse_args()
    cfg = SETTINGS[args.setting]
    out = args.out or os.path.join(ROOT, ".build-province", args.setting)
    rng = random.Random(args.seed)
    np.random.seed(args.seed)  # (not used directly; all noise goes through rng)
    os.makedirs(os.path.join(out, "layers"), exist_ok=True)
    os.makedirs(os.path.join(out, "lists"), exist_ok=True)
    big = args.setting == "province"

    frame = Frame(cfg["lon0"], cfg["lat0"])
    width_km, height_km = cfg["width"] * frame.kx, cfg["height"] * frame.ky
    unit_spacing = 4.4 * math.sqrt(width_km * height_km * 0.7 / cfg["units"]) / cfg["vertices"]
    region = make_region(rng, width_km, height_km, unit_spacing)
    log(f"region: {region.area:.0f} km² (local plane), outline {len(region.exterior.coords)} vertices")

    faces, region_ll, edges_ll = make_units(rng, region, frame, cfg["units"], cfg["vertices"])
    nverts = shapely.get_num_coordinates(faces)
    log(f"units: {len(faces)} units, vertices per unit mean {nverts.mean():.0f} (min {nverts.min()}, max {nverts.max()}), "
        f"total {nverts.sum():,}; {len(edges_ll)} shared edges, {int(shapely.get_num_coordinates(edges_ll).sum()):,} edge vertices")

    # --- tiling check (in EPSG:4546) ---
    t = time.time()
    to_gk = Transformer.from_crs("EPSG:4490", "EPSG:4546", always_xy=True)
    gk = lambda g: shapely.transform(g, lambda xy: np.column_stack(to_gk.transform(xy[:, 0], xy[:, 1])))
    faces_gk = [gk(f) for f in faces]
    region_gk = gk(region_ll)
    invalid = int((~shapely.is_valid(faces_gk)).sum())
    union = shapely.union_all(faces_gk)
    sum_area = float(shapely.area(faces_gk).sum())
    log(f"tiling: region {region_gk.area / 1e6:,.3f} km², union of units {union.area / 1e6:,.3f} km², "
        f"sum of unit areas {sum_area / 1e6:,.3f} km², |union - region| = {abs(union.area - region_gk.area):.3f} m² (junctions on the outline are rounded to 7 decimals), "
        f"sum - union = {sum_area - union.area:.3f} m², union holes {sum(len(p.interiors) for p in shapely.get_parts(union))}, "
        f"invalid units {invalid} ({time.time() - t:.1f} s)")
    t = time.time()
    tree = shapely.STRtree(faces_gk)
    sample = sorted(rng.sample(range(len(faces)), args.overlap_sample)) if 0 < args.overlap_sample < len(faces) else list(range(len(faces)))
    max_overlap, pairs = 0.0, 0
    for i in sample:
        for j in tree.query(faces_gk[i], predicate="intersects"):
            if j != i:
                pairs += 1
                max_overlap = max(max_overlap, shapely.intersection(faces_gk[i], faces_gk[j]).area)
    log(f"tiling: max pairwise overlap {max_overlap:.6f} m² over {pairs} neighbour pairs of {len(sample)} sampled units "
        f"({'all units' if len(sample) == len(faces) else 'random sample'}; {time.time() - t:.1f} s)")

    # --- counties, classes, codes ---
    demo_units = json.load(open(os.path.join(DEMO, "layers", "units.geojson"), encoding="utf-8"))["features"]
    templates = [f["properties"] for f in demo_units]
    reps = shapely.get_coordinates(shapely.point_on_surface(faces))
    n_counties = cfg["counties"]
    if n_counties == 1:
        county_of = np.zeros(len(faces), dtype=int)
    else:
        # k-means-ish: county seats on a jittered grid in lon/lat, nearest seat wins
        lonmin, latmin, lonmax, latmax = region_ll.bounds
        nx = int(round(math.sqrt(n_counties * (lonmax - lonmin) / (latmax - latmin))))
        ny = int(math.ceil(n_counties / nx))
        seats = np.array([(lonmin + (ix + 0.5 + rng.uniform(-0.25, 0.25)) * (lonmax - lonmin) / nx,
                           latmin + (iy + 0.5 + rng.uniform(-0.25, 0.25)) * (latmax - latmin) / ny)
                          for iy in range(ny) for ix in range(nx)])
        d = ((reps[:, None, :] - seats[None, :, :]) ** 2).sum(axis=2)
        county_of = d.argmin(axis=1)
        used = sorted(set(county_of.tolist()))
        remap = {c: k for k, c in enumerate(used)}
        county_of = np.array([remap[c] for c in county_of])
        n_counties = len(used)
    syllables = list("安宁平和清远永兴长丰嘉禾临泉云梦沧澜青峰江陵石门桃源龙溪白沙金河玉泉松柏鹤峰")
    def county_name(k):
        return syllables[(7 * k) % len(syllables)] + syllables[(11 * k + 3) % len(syllables)] + "县（虚构）"
    county_codes = [("429099" if cfg["counties"] == 1 else f"98{k // 10 + 1:02d}{k % 10 + 1:02d}") for k in range(n_counties)]
    city_of_county = [k // 10 for k in range(n_counties)]
    province_name = "江汉省（虚构）"
    city_names = ["云梦市（虚构）", "荆南市（虚构）", "汉阳市（虚构）", "襄北市（虚构）", "宜川市（虚构）", "鄂西州（虚构）",
                  "孝感市（虚构）", "随安市（虚构）", "黄石市（虚构）"]

    order = list(range(len(faces)))
    rng.shuffle(order)
    template_of = [0] * len(faces)
    for k, i in enumerate(order):
        template_of[i] = k % len(templates)
    # Codes: ZH + county + class + per-(county, class) sequence, in spatial order (west->east, south->north)
    spatial = sorted(range(len(faces)), key=lambda i: (county_of[i], round(-reps[i, 1], 2), reps[i, 0]))
    seq = {}
    codes = [None] * len(faces)
    for i in spatial:
        cls = templates[template_of[i]]["ZHGKDYFL"]
        key = (county_of[i], cls)
        seq[key] = seq.get(key, 0) + 1
        assert seq[key] < 10000
        codes[i] = f"ZH{county_codes[county_of[i]]}{cls}{seq[key]:04d}"
    # demo code -> first generated unit that got that template (for unit-level clauses and annotations)
    demo_to_new = {}
    for i in spatial:
        demo_code = templates[template_of[i]]["HJGKDYBM"]
        demo_to_new.setdefault(demo_code, codes[i])
    missing = [t["HJGKDYBM"] for t in templates if t["HJGKDYBM"] not in demo_to_new]
    assert not missing, f"templates not used: {missing}"

    unit_features = []
    class_count = {}
    for i in spatial:
        tpl = templates[template_of[i]]
        cname = county_name(county_of[i])
        props = dict(tpl)
        props["HJGKDYBM"] = codes[i]
        props["HJGKDYMC"] = tpl["HJGKDYMC"].replace("沧澜县", cname.replace("（虚构）", "")) + f"（{codes[i][-4:]}）"
        props["PROV"] = province_name
        props["CITY"] = city_names[city_of_county[county_of[i]] % len(city_names)]
        props["COUNTY"] = cname
        class_count[props["ZHGKDYFL"]] = class_count.get(props["ZHGKDYFL"], 0) + 1
        for field in ("KJBJYS", "PWWPFGK", "HJFXFK", "ZYKFXLYQ"):
            if field in props and isinstance(props[field], str):
                props[field] = props[field].replace("沧澜县", cname.replace("（虚构）", ""))
        unit_features.append((props, orient(faces[i])))
    t = time.time()
    path = os.path.join(out, "layers", "units.geojson")
    write_fc(path, "units", unit_features)
    log(f"write: layers/units.geojson {size(path)} ({len(unit_features)} units, classes {dict(sorted(class_count.items()))}, "
        f"{n_counties} counties; {time.time() - t:.1f} s)")

    # --- red lines ---
    t = time.time()
    reds = make_redlines(rng, region, frame, cfg["redlines"], big)
    reds_gk = [gk(g) for g in reds]
    red_area = float(shapely.area(reds_gk).sum())
    kinds = ["水源涵养", "生物多样性维护", "水土保持", "水土流失", "石漠化", "其他生态功能重要区"]
    red_features = []
    holes = sum(len(p.interiors) for g in reds for p in shapely.get_parts(g))
    multi = sum(1 for g in reds if g.geom_type == "MultiPolygon")
    rep_red = shapely.get_coordinates(shapely.point_on_surface(reds))
    red_county = shapely.STRtree(faces).query(shapely.points(rep_red), predicate="within")
    red_county_of = {int(a): county_of[int(b)] for a, b in zip(*red_county)}
    red_seq = {}
    for k, g in enumerate(reds):
        c = red_county_of.get(k, 0)
        red_seq[c] = red_seq.get(c, 0) + 1
        cname = county_name(c).replace("（虚构）", "")
        kind = kinds[k % len(kinds)]
        red_features.append(({"HXBM": f"HX{county_codes[c]}{red_seq[c]:03d}", "HXMC": f"{cname}{kind}生态保护红线{red_seq[c]}号",
                              "HXLX": kind, "XZQDM": county_codes[c]}, orient(g)))
    path = os.path.join(out, "layers", "redlines.geojson")
    write_fc(path, "redlines", red_features)
    log(f"red lines: {len(reds)} ({multi} MultiPolygons, {holes} holes, "
        f"{int(shapely.get_num_coordinates(reds).sum()):,} vertices), cover {red_area / region_gk.area * 100:.1f}% of the region; "
        f"{size(path)} ({time.time() - t:.1f} s)")

    # --- shorelines ---
    t = time.time()
    shore, centre = make_rivers(rng, region, frame, cfg["tributaries"], cfg["river_width"])
    path = os.path.join(out, "layers", "shorelines.geojson")
    write_fc(path, "shorelines", shore)
    log(f"shorelines: {len(shore)} bank lines ({sorted({p['HLMC'] + '/' + p['HLDJ'] for p, _ in shore})}), "
        f"{int(sum(shapely.get_num_coordinates(g) for _, g in shore)):,} vertices; {size(path)} ({time.time() - t:.1f} s)")

    # --- drinking-water sources along the main stream (一级 / 二级 / 准保护区 disks, like the demo) ---
    ws = []
    minx, _, maxx, _ = region.bounds
    for k in range(cfg["water_sources"]):
        x = minx + (k + 0.5) / cfg["water_sources"] * (maxx - minx)
        p = centre.interpolate(centre.project(Point(x, 0)))
        if not region.contains(p):
            continue
        c = int(county_of[int(np.argmin(((reps - np.array(frame.to_lonlat(p).coords[0])) ** 2).sum(axis=1)))])
        cname = county_name(c).replace("（虚构）", "")
        for level, radius, suffix in (("一级", 1.0, 1), ("二级", 3.0, 2), ("准保护区", 6.0, 3)):
            g = frame.to_lonlat(p.buffer(radius, quad_segs=32).intersection(region))
            ws.append(({"BHQBM": f"SY{county_codes[c]}{k + 1:03d}-{suffix}", "BHQMC": f"{cname}长江饮用水水源{level}保护区".replace("准保护区保护区", "准保护区"),
                        "BHJB": level, "SYDMC": f"{cname}长江第{k + 1}水源地"}, orient(g)))
    path = os.path.join(out, "layers", "water-sources.geojson")
    write_fc(path, "water-sources", ws)
    log(f"water sources: {len(ws)} areas; {size(path)}")

    # --- parks: each industrial-cluster unit's own outline, as in the demo (the demo park of the unit's
    # template gives kind, level and whether it is on the compliant list) ---
    demo_parks = json.load(open(os.path.join(DEMO, "layers", "parks.geojson"), encoding="utf-8"))["features"]
    park_of_template = {}
    for f in demo_parks:
        for tpl in templates:
            if tpl["HJGKDYMC"].startswith(f["properties"]["YQMC"]):
                park_of_template[tpl["HJGKDYBM"]] = f["properties"]
    park_features, park_seq = [], {}
    for i in spatial:
        park = park_of_template.get(templates[template_of[i]]["HJGKDYBM"])
        if park is None:
            continue
        c = county_of[i]
        park_seq[c] = park_seq.get(c, 0) + 1
        cname = county_name(c).replace("（虚构）", "")
        park_features.append(({"YQBM": f"YQ{county_codes[c]}{park_seq[c]:03d}", "YQMC": f"{cname}{park['YQMC']}（{codes[i][-4:]}）",
                               "YQLX": park["YQLX"], "YQJB": park["YQJB"], "SFHG": park["SFHG"]}, orient(faces[i])))
    path = os.path.join(out, "layers", "parks.geojson")
    write_fc(path, "parks", park_features)
    log(f"parks: {len(park_features)} ({sum(1 for p, _ in park_features if p['SFHG'] == '是')} on the compliant list); {size(path)}")

    # --- region outline ---
    write_fc(os.path.join(out, "layers", "region.geojson"), "region",
             [({"XZQDM": "980000" if big else county_codes[0], "XZQMC": province_name if big else county_name(0)}, orient(shapely.union_all(faces)))])  # the union of the units: exactly their outer edge

    # --- lists, rules, catalogue, manifest ---
    header = (f"# 江汉省（虚构）合成基准数据集（{args.setting}）— 虚构数据，仅供基准测试。由 benchmarks/province/make_province.py "
              f"生成（seed {args.seed}），请勿手工修改，请勿提交。\n")
    for name in ("province.yaml", "city.yaml", "classes.yaml", "units.yaml", "unit-annotations.yaml"):
        text = open(os.path.join(DEMO, "lists", name), encoding="utf-8").read()
        lines = text.split("\n")
        if lines and lines[0].startswith("#"):
            lines = lines[1:]
        text = "\n".join(lines)
        # one pass, so a new code that equals another demo code is not replaced again
        text = re.sub(r"ZH\d{11}", lambda m: demo_to_new.get(m.group(0), m.group(0)), text)
        open(os.path.join(out, "lists", name), "w", encoding="utf-8").write(header + text)
    rules = open(os.path.join(DEMO, "rules.yaml"), encoding="utf-8").read().split("\n", 1)[1]
    open(os.path.join(out, "rules.yaml"), "w", encoding="utf-8").write(header + rules)
    shutil.copyfile(CATALOGUE, os.path.join(out, "gbt4754-2017.csv"))

    manifest = yaml.safe_load(open(os.path.join(DEMO, "dataset.yaml"), encoding="utf-8"))
    manifest["name"] = f"江汉省三线一单生态环境分区管控合成基准数据集（{'全省' if big else '单县'}，虚构）"
    manifest["region"] = province_name if big else county_name(0)
    # A real province code (湖北, where the region lies): the national rule pack decides its territory rules by it;
    # unit and county codes keep the fictional 98.
    manifest["regionCode"] = "420000" if big else county_codes[0]
    manifest["fictional"] = True
    for s in manifest["sources"]:
        if s["id"] == "unitLists":
            s["title"] = "江汉省各县环境管控单元生态环境准入清单（虚构）"
            s["issuer"] = "江汉省各县人民政府（虚构）"
    manifest["layers"]["sensitiveAreas"][0]["file"] = "layers/water-sources.geojson"
    manifest.pop("sites", None)
    body = yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False, width=200)
    note = ("# 量算：区域跨越多个 3° 带（中央经线 108°/111°/114°E），为简便起见全部按 EPSG:4546（CGCS2000 3° 带 CM 111°E）量算，\n"
            "# 带边长度变形约 0.1%。Measurement: the region spans more than one 3-degree zone; EPSG:4546 is used for all of it.\n"
            if big else "")
    open(os.path.join(out, "dataset.yaml"), "w", encoding="utf-8").write(header + note + body)

    # --- sites (not in the manifest) ---
    t = time.time()
    cat = [line.split(",") for line in open(CATALOGUE, encoding="utf-8").read().splitlines()[1:]]
    leaf = [row[0] for row in cat if len(row) > 1 and row[1] == "class"]
    natures = ["new", "expansion", "rebuild"]
    lonmin, latmin, lonmax, latmax = region_ll.bounds
    prepared = region_ll
    shapely.prepare(prepared)

    def random_points(n):
        pts = []
        while len(pts) < n:
            xs = [rng.uniform(lonmin, lonmax) for _ in range(n)]
            ys = [rng.uniform(latmin, latmax) for _ in range(n)]
            inside = shapely.contains_xy(prepared, xs, ys)
            pts += [(round(x, 7), round(y, 7)) for x, y, ok in zip(xs, ys, inside) if ok]
        return pts[:n]

    points = random_points(cfg["points"])
    site_features = [({"id": f"P{k + 1:06d}", "name": f"点位{k + 1}", "industry": rng.choice(leaf), "nature": rng.choice(natures)},
                      Point(x, y)) for k, (x, y) in enumerate(points)]
    path = os.path.join(out, "sites_points.geojson")
    write_fc(path, "sites_points", site_features)
    log(f"sites: {len(site_features):,} points; {size(path)} ({time.time() - t:.1f} s)")
    t = time.time()
    centres = random_points(cfg["parcels"])
    parcel_features, parcel_area = [], []
    for k, (lon, lat) in enumerate(centres):
        target = math.exp(rng.uniform(math.log(0.05), math.log(5.0)))  # km², log-uniform
        n = rng.randint(6, 16)
        shape = star(rng, 0, 0, 1.0, n, rough=0.25)
        shape = shapely.affinity.scale(shape, rng.uniform(0.5, 1.0), 1.0)
        shape = shapely.affinity.rotate(shape, rng.uniform(0, 180))
        shape = shapely.affinity.scale(shape, math.sqrt(target / shape.area), math.sqrt(target / shape.area))
        x0 = (lon - frame.lon0) * frame.kx
        y0 = (lat - frame.lat0) * frame.ky
        g = frame.to_lonlat(shapely.affinity.translate(shape, x0, y0))
        if not g.is_valid:
            g = g.convex_hull
        parcel_area.append(target)
        parcel_features.append(({"id": f"G{k + 1:05d}", "name": f"地块{k + 1}", "industry": rng.choice(leaf),
                                 "nature": rng.choice(natures)}, orient(g)))
    path = os.path.join(out, "sites_parcels.geojson")
    write_fc(path, "sites_parcels", parcel_features)
    log(f"sites: {len(parcel_features):,} parcels of {min(parcel_area):.3f}-{max(parcel_area):.3f} km² "
        f"(median {sorted(parcel_area)[len(parcel_area) // 2]:.2f}); {size(path)} ({time.time() - t:.1f} s)")

    total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(out) for f in fs)
    log(f"done: {out} ({total / 1e6:.1f} MB in all)")


if __name__ == "__main__":
    main()
