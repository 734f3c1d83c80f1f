#!/usr/bin/env python3
"""Generate the FICTIONAL ZoneScreen demo dataset 沧澜县（虚构） in Fixtures/demo/.

    python3 Fixtures/demo/generator/make_demo.py [--preview /tmp/demo.svg]

Deterministic (fixed seeds); every run rewrites the dataset:
  dataset.yaml, layers/*.geojson, lists/*.yaml, rules.yaml, sites.geojson, expected.csv, README.md

The national rules (red lines, 长江保护法, the Yangtze negative list, 水污染防治法) are built into ZoneScreen
(Sources/Datasets/Resources/national-rules.yaml); the demo's rules.yaml keeps only what is local to it, and
the GB/T 4754-2017 catalogue is the built-in one. The expected answers read the national pack's rules and
apply them with this script's own evaluation (section 7), as they do the demo's own.

Construction is done in EPSG:4546 (CGCS2000 3-degree Gauss-Krüger, CM 111E) metres; the layers are
written in EPSG:4490 lon/lat rounded to 7 decimals; every check and every expected answer is computed
again from the written (rounded) files, re-projected to EPSG:4546. The expected answers are an
independent implementation of docs/dataset-format.md (shapely + pyproj); the Swift code is not used.
Requires python3, numpy, shapely >= 2, pyproj, PyYAML.
"""
import csv
import json
import math
import os
import shutil
import sys
from collections import OrderedDict, defaultdict

import numpy as np
import shapely
import yaml
from pyproj import Transformer
from shapely.geometry import (LineString, MultiLineString, MultiPoint, MultiPolygon, Point,
                              Polygon, box, mapping, shape)
from shapely.geometry.polygon import orient
from shapely.ops import polygonize, unary_union
from shapely.strtree import STRtree

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)                      # Fixtures/demo
ROOT = os.path.dirname(os.path.dirname(OUT))      # the repository
CATALOGUE_SRC = os.path.join(ROOT, "Sources", "Zoning", "Resources", "gbt4754-2017.csv")
NATIONAL_PACK = os.path.join(ROOT, "Sources", "Zoning", "Resources", "national-rules.yaml")

TO_LL = Transformer.from_crs("EPSG:4546", "EPSG:4490", always_xy=True)
TO_XY = Transformer.from_crs("EPSG:4490", "EPSG:4546", always_xy=True)
E0, N0 = TO_XY.transform(111.55, 30.525)          # local origin of the construction (km grid)
KM = 1000.0
COUNTY_CODE = "429099"
DEC = 7                                            # decimals of written lon/lat


def rng_for(seed):
    return np.random.default_rng(seed)


def P(x_km, y_km):
    return (E0 + x_km * KM, N0 + y_km * KM)


def local_km(xy):
    return ((xy[0] - E0) / KM, (xy[1] - N0) / KM)


# ----------------------------------------------------------------------------------------------
# geometry helpers (metres)
# ----------------------------------------------------------------------------------------------

def blob(seed, cx, cy, rx, ry, rot_deg=0.0, amp=0.10, kmax=7, rough=0.012, n=260, kmax_rough=28):
    """Smooth star-shaped closed curve centred at (cx, cy) km, semi-axes rx, ry km."""
    rng = rng_for(seed)
    th = np.linspace(0.0, 2 * math.pi, n, endpoint=False)
    r = np.ones_like(th)
    for k in range(2, kmax + 1):
        r += amp * rng.uniform(0.3, 1.0) / k ** 0.7 * np.cos(k * th + rng.uniform(0, 2 * math.pi))
    for k in range(kmax + 1, kmax_rough):
        r += rough * rng.uniform(0.2, 1.0) / (k / 8.0) ** 0.8 * np.cos(k * th + rng.uniform(0, 2 * math.pi))
    r = np.maximum(r, 0.45)
    x, y = rx * r * np.cos(th), ry * r * np.sin(th)
    a = math.radians(rot_deg)
    xr, yr = x * math.cos(a) - y * math.sin(a), x * math.sin(a) + y * math.cos(a)
    poly = Polygon([P(cx + u, cy + v) for u, v in zip(xr, yr)])
    return poly if poly.is_valid else poly.buffer(0)


def blob_at(seed, centre_xy, rx, ry, rot_deg=0.0, **kw):
    cx, cy = local_km(centre_xy)
    return blob(seed, cx, cy, rx, ry, rot_deg, **kw)


def arclen(pts):
    seg = np.linalg.norm(np.diff(pts, axis=0), axis=1)
    return np.concatenate([[0.0], np.cumsum(seg)])


def resample(pts, step):
    s = arclen(pts)
    n = max(2, int(round(s[-1] / step)) + 1)
    ss = np.linspace(0, s[-1], n)
    return np.stack([np.interp(ss, s, pts[:, 0]), np.interp(ss, s, pts[:, 1])], axis=1)


def left_normals(pts):
    d = np.gradient(pts, axis=0)
    t = d / np.linalg.norm(d, axis=1)[:, None]
    return np.stack([-t[:, 1], t[:, 0]], axis=1)


def parts(geom):
    if geom.is_empty:
        return []
    if hasattr(geom, "geoms"):
        out = []
        for g in geom.geoms:
            out.extend(parts(g))
        return out
    return [geom]


def polys_only(geom):
    ps = [g for g in parts(geom) if g.geom_type == "Polygon" and g.area > 0]
    if not ps:
        return Polygon()
    return ps[0] if len(ps) == 1 else MultiPolygon(ps)


def lines_only(geom):
    ls = [g for g in parts(geom) if g.geom_type == "LineString" and g.length > 0]
    return ls


def wiggle(line, seed, rel=0.045, cap=450.0, step=120.0):
    """Displace a straight edge sideways by a smooth profile that is zero at both ends."""
    rng = rng_for(seed)
    c = np.array(line.coords)
    if len(c) < 2 or line.length < 300:
        return line
    L = line.length
    n = max(3, int(L / step) + 1)
    t = np.linspace(0, 1, n)
    base = c[0] + (c[-1] - c[0]) * t[:, None] if len(c) == 2 else np.array(
        [line.interpolate(tt, normalized=True).coords[0] for tt in t])
    d = (c[-1] - c[0]) / max(np.linalg.norm(c[-1] - c[0]), 1e-9)
    nrm = np.array([-d[1], d[0]])
    A = min(cap, rel * L)
    prof = (A * rng.uniform(-1, 1) * np.sin(math.pi * t)
            + 0.5 * A * rng.uniform(-1, 1) * np.sin(2 * math.pi * t)
            + 0.25 * A * rng.uniform(-1, 1) * np.sin(5 * math.pi * t))
    return LineString(base + nrm * prof[:, None])


# ----------------------------------------------------------------------------------------------
# 1. the county, the Yangtze main stream, the tributaries
# ----------------------------------------------------------------------------------------------

def build_geography():
    G = {}
    county = blob(11, 0.0, 0.0, 30.2, 21.3, rot_deg=-4, amp=0.06, kmax=6, rough=0.012, n=1400, kmax_rough=90)
    G["county"] = county

    # main stream centreline (flows west -> east), samples every 100 m along its length
    def yc(x):
        return (0.8 - 0.05 * x + 3.0 * math.sin(2 * math.pi * x / 36 + 0.4)
                + 1.0 * math.sin(2 * math.pi * x / 14 + 2.0))
    raw = np.array([P(x, yc(x)) for x in np.arange(-44, 44.001, 0.02)])
    cl = resample(raw, 100.0)
    s = arclen(cl)
    w = 1000 + 160 * np.sin(2 * math.pi * s / 17000 + 1.0) + 50 * np.sin(2 * math.pi * s / 5200 + 0.3)
    w = np.clip(w, 820, 1180)
    nrm = left_normals(cl)
    nb = cl + nrm * (w / 2)[:, None]          # left bank = north bank (flow is eastward)
    sb = cl - nrm * (w / 2)[:, None]
    G["main"] = dict(cl=cl, s=s, w=w, nrm=nrm, nb=nb, sb=sb, yc=yc)
    water_full = Polygon(np.vstack([nb, sb[::-1]]))
    assert water_full.is_valid
    G["water_full"] = water_full
    G["water"] = polys_only(water_full.intersection(county))
    land = county.difference(water_full)
    lp = sorted(parts(land), key=lambda g: -g.area)
    assert len(lp) >= 2
    # north land has the larger mean y
    a, b = lp[0], lp[1]
    G["north_land"], G["south_land"] = (a, b) if a.centroid.y > b.centroid.y else (b, a)
    assert sum(g.area for g in lp[2:]) < 1e5, "river cuts off slivers of the county"
    G["land"] = land

    # tributaries: name, grade, source (km, outside the county), mouth x on the centreline, widths
    tribs = [
        dict(name="白沙河", grade="支流", src=(-26.5, 30.0), mouth_x=-21.5, w=(45, 70), a1=1.6, a2=0.6, seed=31),
        dict(name="澜江", grade="重要支流", src=(17.0, 30.0), mouth_x=9.5, w=(150, 200), a1=-2.6, a2=0.8, seed=32),
        dict(name="清溪河", grade="支流", src=(-5.5, -30.0), mouth_x=-10.5, w=(60, 90), a1=1.8, a2=0.7, seed=33),
        dict(name="桃花溪", grade="支流", src=(28.0, -30.0), mouth_x=24.5, w=(40, 60), a1=-1.3, a2=0.5, seed=34),
    ]
    for tr in tribs:
        rng = rng_for(tr["seed"])
        S = np.array(tr["src"])
        C = np.array([tr["mouth_x"], yc(tr["mouth_x"])])
        d = C - S
        perp = np.array([-d[1], d[0]]) / np.linalg.norm(d)
        t = np.linspace(0, 1, 3000)
        ph = rng.uniform(0, 2 * math.pi)
        off = (tr["a1"] * np.sin(math.pi * t) + tr["a2"] * np.sin(3 * math.pi * t + ph) * np.sin(math.pi * t)
               + (0.55 * np.sin(7 * math.pi * t + ph) + 0.22 * np.sin(17 * math.pi * t + 2 * ph)
                  + 0.08 * np.sin(41 * math.pi * t + 3 * ph)) * np.sin(math.pi * t) ** 0.5)
        pts_km = S + t[:, None] * d + off[:, None] * perp
        pts = np.array([P(x, y) for x, y in pts_km])
        c = resample(pts, 60.0)
        ss = arclen(c)
        ww = tr["w"][0] + (tr["w"][1] - tr["w"][0]) * ss / ss[-1] + 8 * np.sin(ss / 1500.0)
        n2 = left_normals(c)
        lb = c + n2 * (ww / 2)[:, None]
        rb = c - n2 * (ww / 2)[:, None]
        banks = []
        for side, arr in (("左岸", lb), ("右岸", rb)):
            ln = LineString(arr).difference(water_full).intersection(county)
            pieces = lines_only(ln)
            # keep the long upstream piece; drop bits that poke through the main stream water
            piece = max(pieces, key=lambda g: g.length)
            banks.append((side, piece))
        tr["cl"] = LineString(c).difference(water_full).intersection(county)
        tr["banks"] = banks
        tr["water"] = Polygon(np.vstack([lb, rb[::-1]])).buffer(0).difference(water_full).intersection(county)
    G["tribs"] = tribs

    nbl = lines_only(LineString(nb).intersection(county))
    sbl = lines_only(LineString(sb).intersection(county))
    assert len(nbl) == 1 and len(sbl) == 1
    # every tributary bank ends on a main-stream bank: insert that junction point into the main-stream
    # bank as a vertex, so that after rounding both lines share it exactly (they touch, never cross)
    mains = [nbl[0], sbl[0]]
    junctions = [[], []]
    for tr in tribs:
        for _, b in tr["banks"]:
            for end in (b.coords[0], b.coords[-1]):
                d = [mb.distance(Point(end)) for mb in mains]
                k = int(np.argmin(d))
                if d[k] < 1e-6:
                    junctions[k].append(end)
    mains = [insert_vertices(mb, js) for mb, js in zip(mains, junctions)]
    G["main_banks"] = [("左岸", mains[0]), ("右岸", mains[1])]
    return G


def insert_vertices(line, pts):
    """Insert points lying on `line` as vertices, in order along the line."""
    c = [tuple(x) for x in line.coords]
    s = arclen(np.array(c))
    items = [(float(v), 0, c[i]) for i, v in enumerate(s)]
    items += [(line.project(Point(p)), 1, tuple(p)) for p in pts]
    items.sort(key=lambda t: (t[0], t[1]))
    return LineString([t[2] for t in items])


def bank_point(G, x_km, side, d_km):
    """Point d_km away from the main stream bank (side 'N'/'S') at the centreline sample nearest x_km."""
    m = G["main"]
    xs = (m["cl"][:, 0] - E0) / KM
    i = int(np.argmin(np.abs(xs - x_km)))
    sign = 1 if side == "N" else -1
    p = m["cl"][i] + sign * m["nrm"][i] * (m["w"][i] / 2 + d_km * KM)
    return (float(p[0]), float(p[1]))


def main_index_at(G, x_km):
    xs = (G["main"]["cl"][:, 0] - E0) / KM
    return int(np.argmin(np.abs(xs - x_km)))


def strip(G, i0, i1, side, d0, d1):
    """Polygon between d0 and d1 metres from the main-stream bank (side N/S) over samples i0..i1."""
    m = G["main"]
    sign = 1 if side == "N" else -1
    bank = m["nb"] if side == "N" else m["sb"]
    a = bank[i0:i1 + 1] + sign * m["nrm"][i0:i1 + 1] * d0
    b = bank[i0:i1 + 1] + sign * m["nrm"][i0:i1 + 1] * d1
    if d0 == 0:
        a = bank[i0:i1 + 1]
    return Polygon(np.vstack([a, b[::-1]]))


def water_segment(G, i0, i1):
    m = G["main"]
    return Polygon(np.vstack([m["nb"][i0:i1 + 1], m["sb"][i0:i1 + 1][::-1]]))


# ----------------------------------------------------------------------------------------------
# 2. ecological space, red lines, towns, parks, drinking-water source zones
# ----------------------------------------------------------------------------------------------

def below_curve(fn, x0=-45, x1=45, floor=-45):
    pts = [P(x, fn(x)) for x in np.arange(x0, x1 + 1e-9, 0.15)]
    return Polygon(pts + [P(x1, floor), P(x0, floor)])


def build_zones(G):
    Z = {}
    county, water_full = G["county"], G["water_full"]
    m = G["main"]
    trib = {t["name"]: t for t in G["tribs"]}
    sb_line = LineString(m["sb"])

    def y_south_bank(x):
        xs = (m["sb"][:, 0] - E0) / KM
        ys = (m["sb"][:, 1] - N0) / KM
        order = np.argsort(xs)
        return float(np.interp(x, xs[order], ys[order]))

    # --- towns (城镇生活类) and parks (产业集聚类) --------------------------------------------
    towns = OrderedDict()
    towns["沧澜镇"] = blob_at(101, bank_point(G, -6.0, "N", 1.5), 3.0, 2.0, 8, amp=0.12)
    towns["白沙镇"] = blob_at(102, bank_point(G, -24.5, "N", 0.9), 1.6, 1.1, 25, amp=0.12)
    towns["江口镇"] = blob_at(103, bank_point(G, 12.3, "N", 0.9), 1.4, 1.0, 0, amp=0.12)
    towns["南岸镇"] = blob_at(104, bank_point(G, -3.5, "S", 0.9), 2.0, 1.2, -15, amp=0.12)
    towns["清溪镇"] = blob_at(105, bank_point(G, -12.5, "S", 0.8), 1.5, 1.0, -25, amp=0.12)
    towns["望江镇"] = blob_at(106, bank_point(G, 16.5, "S", 0.8), 1.5, 1.0, 10, amp=0.12)
    towns["青石镇"] = blob_at(107, P(-8.0, 13.0), 1.4, 1.0, 15, amp=0.12)
    towns["桃源镇"] = blob_at(108, P(23.0, 10.5), 1.3, 1.0, -10, amp=0.12)
    for k in towns:
        towns[k] = polys_only(towns[k].intersection(county))
    Z["towns"] = towns

    north_land = G["north_land"]
    nb_line = LineString(m["nb"])
    all_trib_banks = unary_union([b for t in G["tribs"] for _, b in t["banks"]])

    def quad(a, b, c, d):
        return Polygon([P(*a), P(*b), P(*c), P(*d)])

    parks = OrderedDict()
    # 沧澜经济开发区: 城东片区 straddles the 1 km band (0.45 .. 3.6 km from the bank), plus a 北部片区
    east = (north_land.intersection(quad((-2.2, -2), (3.6, -2), (4.4, 12), (-1.4, 12)))
            .intersection(nb_line.buffer(3600, quad_segs=4)).difference(nb_line.buffer(450, quad_segs=4)))
    north_piece = blob(111, -1.2, 9.6, 1.5, 0.95, 20, amp=0.08)
    parks["沧澜经济开发区"] = unary_union([polys_only(east), north_piece])
    # 临港化工园区: deliberately more than 1 km (1.15 .. 3.9 km) from the main-stream shoreline
    chem = (north_land.intersection(quad((15.6, -2), (21.4, -2), (21.0, 12), (16.2, 12)))
            .intersection(nb_line.buffer(3900, quad_segs=4)).difference(nb_line.buffer(1150, quad_segs=4))
            .difference(all_trib_banks.buffer(1600)))
    parks["临港化工园区"] = polys_only(chem)
    parks["青峰建材产业园"] = blob_at(113, bank_point(G, 6.0, "S", 3.3), 1.4, 1.0, -20, amp=0.08)
    for k in parks:
        parks[k] = polys_only(parks[k].intersection(county).difference(water_full))
    Z["parks"] = parks

    # --- drinking-water source protection zones on the main stream (intake on the north bank) ----
    ii = main_index_at(G, -13.5)               # intake sample; 100 m per sample
    Z["intake"] = tuple(m["nb"][ii])
    Z["ws_range"] = (ii - 30, ii + 3)
    lvl1 = unary_union([water_segment(G, ii - 10, ii + 1), strip(G, ii - 10, ii + 1, "N", 0, 100)])
    lvl2 = unary_union([water_segment(G, ii - 30, ii - 10), water_segment(G, ii + 1, ii + 3),
                        strip(G, ii - 30, ii + 3, "N", 0, 1000)]).difference(lvl1)
    lvl3 = unary_union([water_segment(G, ii - 50, ii - 30), strip(G, ii - 50, ii - 30, "N", 0, 500)]).difference(
        unary_union([lvl1, lvl2]))
    Z["ws"] = [(polys_only(g.intersection(county)), lv) for g, lv in ((lvl1, "一级"), (lvl2, "二级"), (lvl3, "准保护区"))]
    Z["ws_unit"] = polys_only(unary_union([lvl1, lvl2]).intersection(county))

    # --- ecological space (basis of the priority-protection units) --------------------------------
    def f_south(x):
        return min(-9.5 + 1.8 * math.sin(2 * math.pi * x / 23 + 1.0) + 0.8 * math.sin(2 * math.pi * x / 8.5 + 0.3),
                   y_south_bank(x) - 4.2)
    eco = OrderedDict()
    eco["南部山地"] = below_curve(f_south)
    eco["西北丘陵"] = blob(121, -18.5, 12.5, 7.0, 4.6, 20, amp=0.10)
    eco["北部山地"] = blob(122, 10.5, 15.5, 8.0, 4.3, -12, amp=0.10)
    Z["eco_raw"] = OrderedDict(eco)
    built0 = unary_union(list(towns.values()) + list(parks.values()))
    built = built0.buffer(250)
    for k in eco:
        eco[k] = polys_only(eco[k].intersection(county).difference(water_full).difference(built0))
    Z["eco"] = eco

    # village enclave inside the southern red line (云雾村): a hole of the red line, a unit of its own
    enclave = blob(131, 8.0, -15.4, 1.25, 0.85, 30, amp=0.06)
    Z["enclave"] = enclave

    # --- ecological protection red lines ------------------------------------------------------------
    def f_red(x):
        return f_south(x) - 0.45 + 0.55 * math.sin(2 * math.pi * x / 6.3 + 1.7)
    qx = trib["清溪河"]["cl"]
    hx1 = (below_curve(f_red).intersection(county).difference(qx.buffer(1400))
           .difference(trib["桃花溪"]["cl"].buffer(900)).difference(built).difference(enclave))
    hx1 = polys_only(hx1)
    hx1 = MultiPolygon([p for p in parts(hx1) if p.area > 2e6])
    hx2 = polys_only(blob(141, -18.8, 12.7, 6.2, 3.9, 20, amp=0.10).intersection(eco["西北丘陵"].buffer(-350)))
    hamlet = blob(144, 8.2, 15.7, 0.55, 0.4, 0, amp=0.05)
    hx3 = unary_union([blob(142, 8.0, 15.8, 4.3, 2.8, -10, amp=0.12), blob(143, 15.6, 14.2, 2.9, 2.3, 15, amp=0.12)])
    hx3 = polys_only(hx3.intersection(eco["北部山地"].buffer(-300)).difference(hamlet))
    i0, i1 = main_index_at(G, 21.0), main_index_at(G, 31.5)
    hx4 = polys_only(water_segment(G, i0, i1).intersection(county))
    lake = blob(145, *local_km(bank_point(G, 27.0, "S", 4.8)), 1.7, 1.1, 20, amp=0.12)
    hx5 = polys_only(lake.difference(eco["南部山地"].buffer(300)).intersection(county))
    Z["redlines"] = [
        ("HX429099001", "沧澜县南部山地水源涵养生态保护红线", "水源涵养", hx1),
        ("HX429099002", "沧澜县西北丘陵水土保持生态保护红线", "水土保持", hx2),
        ("HX429099003", "澜江上游山地生物多样性维护生态保护红线", "生物多样性维护", hx3),
        ("HX429099004", "长江沧澜段水生生物多样性维护生态保护红线", "生物多样性维护", hx4),
        ("HX429099005", "白鹭湖湿地生物多样性维护生态保护红线", "生物多样性维护", hx5),
    ]
    return Z


# ----------------------------------------------------------------------------------------------
# 3. environmental control units: polygonize a noded line network, classify faces, merge
# ----------------------------------------------------------------------------------------------

def poisson_points(seed, region, min_dist, tries=6000):
    rng = rng_for(seed)
    minx, miny, maxx, maxy = region.bounds
    pts = []
    for _ in range(tries):
        p = (float(rng.uniform(minx, maxx)), float(rng.uniform(miny, maxy)))
        if not region.contains(Point(p)):
            continue
        if all((p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2 >= min_dist ** 2 for q in pts):
            pts.append(p)
    return pts


MIN_UNIT_AREA = 4.0e6          # eco / general groups smaller than this are merged into a neighbour


def build_units(G, Z):
    county = G["county"]
    seeds = poisson_points(201, county.buffer(-2500), 7600.0)
    vor = shapely.voronoi_polygons(MultiPoint(seeds), extend_to=county.buffer(20000))
    vedges = lines_only(unary_union([p.exterior for p in vor.geoms]))
    vedges.sort(key=lambda l: (round(l.centroid.x, 1), round(l.centroid.y, 1)))
    wig = [wiggle(e, 300 + i) for i, e in enumerate(vedges)]
    # the network uses unclipped lines (they run past the county boundary) so that every crossing
    # with the boundary is a computed node; faces outside the county are dropped afterwards
    boundary_lines = [county.exterior] + wig
    boundary_lines += [LineString(G["main"]["nb"]), LineString(G["main"]["sb"])]
    boundary_lines += [g.boundary for g in Z["eco_raw"].values()]
    boundary_lines += [g.boundary for g in Z["towns"].values()]
    boundary_lines += [g.boundary for g in Z["parks"].values()]
    boundary_lines += [Z["ws_unit"].boundary, Z["enclave"].exterior]
    noded = unary_union(boundary_lines)
    faces = [f for f in polygonize(noded) if county.contains(f.representative_point())]
    tot = sum(f.area for f in faces)
    assert abs(tot - county.area) < 1.0, (tot, county.area)

    # classify faces
    ws_x = (Z["intake"][0] - E0) / KM
    mouth_x = [t["mouth_x"] for t in G["tribs"] if t["name"] == "澜江"][0]
    seed_tree = STRtree([Point(s) for s in seeds])
    keyed = []
    for f in faces:
        rp = f.representative_point()
        x_km = (rp.x - E0) / KM
        cell = int(seed_tree.nearest(rp))
        if Z["ws_unit"].contains(rp):
            key = ("ws",)
        elif G["water_full"].contains(rp):
            idx = int(np.argmin(np.linalg.norm(G["main"]["cl"] - np.array(rp.coords[0]), axis=1)))
            seg = "up" if idx < Z["ws_range"][0] else ("mid" if x_km < mouth_x else "down")
            key = ("water", seg)
        elif any(g.contains(rp) for g in Z["parks"].values()):
            key = ("park", [k for k, g in Z["parks"].items() if g.contains(rp)][0])
        elif any(g.contains(rp) for g in Z["towns"].values()):
            key = ("town", [k for k, g in Z["towns"].items() if g.contains(rp)][0])
        elif Z["enclave"].contains(rp):
            key = ("enclave",)
        elif any(g.contains(rp) for g in Z["eco"].values()):
            key = ("eco", [k for k, g in Z["eco"].items() if g.contains(rp)][0], cell)
        else:
            key = ("gen", cell)
        keyed.append((key, f))

    # groups; eco / general / water groups split into connected components
    groups = defaultdict(list)
    for key, f in keyed:
        groups[key].append(f)
    comps = []
    for key in sorted(groups, key=str):
        fs = groups[key]
        if key[0] in ("eco", "gen", "water"):
            u = unary_union(fs)
            pieces = parts(u)
            for j, pc in enumerate(pieces):
                members = [f for f in fs if pc.covers(f.representative_point())]
                comps.append({"key": key + (j,), "kind": key[0], "faces": members})
        else:
            comps.append({"key": key, "kind": key[0], "faces": fs})
    for c in comps:
        c["geom"] = unary_union(c["faces"])

    # merge small eco / general components into the neighbour sharing the longest boundary
    def shared(a, b):
        if not a["geom"].intersects(b["geom"]):
            return 0.0
        return a["geom"].boundary.intersection(b["geom"].boundary).length

    pref = {"eco": ["eco", "gen", "town"], "gen": ["gen", "town", "eco"]}
    while True:
        small = [c for c in comps if c["kind"] in ("eco", "gen") and c["geom"].area < MIN_UNIT_AREA]
        if not small:
            break
        c = min(small, key=lambda c: (c["geom"].area, str(c["key"])))
        best = None
        for kind in pref[c["kind"]]:
            cands = [(shared(c, o), str(o["key"]), o) for o in comps if o is not c and o["kind"] == kind]
            cands = [t for t in cands if t[0] > 1.0]
            if kind == "eco" and c["kind"] == "eco":
                same = [t for t in cands if t[2]["key"][1] == c["key"][1]]
                cands = same or cands
            if cands:
                best = max(cands, key=lambda t: (t[0], t[1]))[2]
                break
        assert best is not None, c["key"]
        best["faces"] += c["faces"]
        best["geom"] = unary_union(best["faces"])
        comps.remove(c)
    county_noded = unary_union(faces)          # the county outline with every crossing node inserted
    return comps, seeds, faces, county_noded


# ----------------------------------------------------------------------------------------------
# 4. unit attributes: codes, names, classes, published-style free-text lists
# ----------------------------------------------------------------------------------------------

T_ECO_RED = dict(
    spatialLayout=["生态保护红线内，自然保护地核心保护区原则上禁止人为活动，其他区域严格禁止开发性、生产性建设活动，仅允许对生态功能不造成破坏的有限人为活动。",
                   "一般生态空间内禁止新建、扩建工业项目和矿产资源开发项目，现有工业企业逐步关停退出。",
                   "禁止毁林开荒、开山采石、挖砂取土等破坏山体植被和水源涵养功能的活动。"],
    pollutantDischarge=["居民点生活污水应就近收集处理，达标后回用或排放，禁止直排入河。",
                        "禁止新设排污口，现有排污口依法整治。"],
    environmentalRisk=["加强森林防火和林业有害生物防治，落实山洪、地质灾害隐患点监测预警。",
                       "禁止新建危险化学品储存设施和固体废物贮存、填埋场所。"],
    resourceEfficiency=["严格保护天然林和公益林，森林覆盖率不降低。",
                        "严格控制取用水总量，保障河流生态流量。"])
T_ECO_GEN = dict(
    spatialLayout=["一般生态空间内原则上按限制开发区域管理，严格控制新增建设用地，禁止新建、扩建工业项目。",
                   "禁止在二十五度以上陡坡地开垦种植农作物。",
                   "旅游、康养开发应符合生态环境保护要求，不得破坏自然景观和生态功能。"],
    pollutantDischarge=["农村生活污水、生活垃圾应分类收集处理。",
                        "控制化肥农药施用量，防治农业面源污染。"],
    environmentalRisk=["加强山洪、滑坡、泥石流等地质灾害防治。"],
    resourceEfficiency=["实施退化林修复和水土流失综合治理。",
                        "严格控制地下水开采。"])
T_WATER = dict(
    spatialLayout=["禁止在长江干流岸线保护区和保留区内投资建设除防洪护岸、河道治理、供水、生态环境保护、航道整治、国家重要基础设施以外的项目。",
                   "禁止新建、扩建不符合港口总体规划和岸线利用规划的码头项目。",
                   "禁止在水生生物保护区内从事生产性捕捞。"],
    pollutantDischarge=["禁止未经许可在长江干流新设、改设或者扩大排污口。",
                        "船舶污染物应按规定接收、转运和处置，禁止向水体排放船舶含油污水和生活污水。"],
    environmentalRisk=["加强危险化学品运输船舶监管，禁止运输剧毒化学品和国家规定禁止通过内河运输的其他危险化学品。",
                       "完善水上溢油等突发环境事件应急处置能力。"],
    resourceEfficiency=["严格控制岸线开发强度，提高岸线利用效率。",
                        "禁止非法采砂。"])
T_WS = dict(
    spatialLayout=["饮用水水源一级保护区内禁止新建、改建、扩建与供水设施和保护水源无关的建设项目。",
                   "饮用水水源二级保护区内禁止新建、改建、扩建排放污染物的建设项目。",
                   "禁止在保护区内设置排污口。"],
    pollutantDischarge=["保护区内现有排污口一律依法拆除或者关闭。",
                        "禁止在一级保护区内从事网箱养殖、旅游、游泳、垂钓等可能污染饮用水水体的活动。"],
    environmentalRisk=["禁止运输危险化学品的车辆、船舶在保护区内停靠、装卸。",
                       "取水口应设置隔离防护设施和警示标志，建立水质预警监测体系。"],
    resourceEfficiency=["保障取水口上游来水水质，严格控制取水口周边岸线开发。"])
T_TOWN = dict(
    spatialLayout=["城镇建成区内禁止新建、扩建化工、印染、电镀等污染较重的工业项目，现有企业逐步搬迁入园。",
                   "居住区、学校、医院周边禁止新建排放恶臭、有毒有害气体的项目。"],
    pollutantDischarge=["加快城镇污水管网建设和雨污分流改造，城镇生活污水集中收集处理。",
                        "餐饮油烟须经净化处理后达标排放。"],
    environmentalRisk=["加油站、储油库应落实防渗和油气回收措施。",
                       "制定城镇集中式供水设施突发环境事件应急预案。"],
    resourceEfficiency=["新建公共建筑全面执行绿色建筑标准。",
                        "推进再生水用于市政杂用和生态补水。"])
T_GENERAL = dict(
    spatialLayout=["禁止在合规园区外新建、扩建化工、钢铁、有色冶炼、制浆造纸等高污染项目。",
                   "新建畜禽规模养殖场应符合畜禽养殖布局规划，避开禁养区。",
                   "严格保护永久基本农田，严禁非农建设违规占用。"],
    pollutantDischarge=["推进化肥农药减量增效，控制农业面源污染。",
                        "畜禽养殖废弃物应资源化利用。",
                        "农村生活污水应因地制宜收集处理。"],
    environmentalRisk=["加强受污染耕地安全利用和风险管控。",
                       "加强农药包装废弃物回收处置。"],
    resourceEfficiency=["推进农业节水灌溉，提高灌溉水有效利用系数。",
                        "推进秸秆综合利用。"])
T_PARKS = {
    "沧澜经济开发区": dict(
        spatialLayout=["禁止新建、扩建印染、造纸、制革等重污染项目。",
                       "城东片区临江区域优先布局装备制造、电子信息、食品加工等产业，临江一公里范围内禁止新建、扩建化工项目。",
                       "新建精细化工项目须布局在开发区新材料片区，并符合开发区规划环评结论。"],
        pollutantDischarge=["入区企业废水须经预处理达到接管标准后排入开发区污水处理厂集中处理。",
                            "新建项目主要污染物排放实行区域削减替代。"],
        environmentalRisk=["建立企业、园区、水体三级突发环境事件防控体系，逐级设置应急池和截流措施。",
                           "涉及有毒有害物质的企业应开展土壤和地下水污染隐患排查。"],
        resourceEfficiency=["新建工业项目单位用地投资强度和亩均税收应达到开发区准入标准。",
                            "新建数据中心电能利用效率应达到国家先进值。"]),
    "临港化工园区": dict(
        spatialLayout=["园区主导产业为精细化工、化工新材料，禁止引进不符合园区主导产业定位的化工项目。",
                       "禁止新建、扩建农药原药和染料生产项目。",
                       "禁止新建、扩建以光气为原料的项目，列入国家规划的除外。",
                       "园区临江一侧设置不少于一百米的生态隔离带。"],
        pollutantDischarge=["园区实行一企一管、明管输送、实时监测，企业废水经预处理后进入园区专业污水处理厂。",
                            "挥发性有机物排放企业应安装在线监测设施。"],
        environmentalRisk=["建立企业、园区、流域三级环境风险防控体系，设置事故应急池和雨水排口截止阀。",
                           "新建涉及重点监管危险化工工艺的项目须开展环境风险专项论证。"],
        resourceEfficiency=["新建项目清洁生产水平应达到国内先进水平。",
                            "园区工业用水重复利用率不低于百分之九十。"]),
    "青峰建材产业园": dict(
        spatialLayout=["禁止新建重化工、纺织、造纸等工业项目。",
                       "园区以新型建材、装配式建筑部品为主导产业，水泥熟料、平板玻璃项目须实施产能等量或减量置换。"],
        pollutantDischarge=["建材企业颗粒物、二氧化硫、氮氧化物排放应达到超低排放要求。",
                            "物料堆场全封闭，运输道路硬化并定期洒水抑尘。"],
        environmentalRisk=["矿山废石、尾矿应规范处置，禁止向河道倾倒。"],
        resourceEfficiency=["提高工业固体废物综合利用率，鼓励利用建筑垃圾生产再生建材。"]),
}
# Park → (YQLX kind, YQJB level, SFHG on the province's compliant list)
PARKS = OrderedDict([("沧澜经济开发区", ("开发区", "省级", "是")), ("临港化工园区", ("化工园区", "省级", "是")),
                     ("青峰建材产业园", ("工业园区", "市级", "否"))])
DIMS = [("spatialLayout", "KJBJYS"), ("pollutantDischarge", "PWWPFGK"),
        ("environmentalRisk", "HJFXFK"), ("resourceEfficiency", "ZYKFXLYQ")]
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


def render_list(items, style):
    """Render numbered items the way published lists do; style '1.' / '（1）' / '①'."""
    import re
    bad = re.compile(r"\d+\s*[.、．]|[（(]\s*\d+\s*[)）]|[①-⑩]")
    out = []
    for i, it in enumerate(items, 1):
        assert not bad.search(it), f"numbering-like text inside an item: {it}"
        num = {"1.": f"{i}.", "（1）": f"（{i}）", "①": CIRCLED[i - 1]}[style]
        out.append(num + it)
    return "".join(out)


def assign_units(G, Z, comps):
    m = G["main"]
    rl = unary_union([g for *_, g in Z["redlines"]])
    towns = Z["towns"]
    units = []
    for c in comps:
        g = c["geom"]
        k = c["kind"]
        rp = g.representative_point()
        u = dict(geom=g, kind=k, key=c["key"])
        if k == "ws":
            u.update(cls=1, sub="水环境优先保护类", base="沧澜县长江城区饮用水水源保护区优先保护单元", text=T_WS, order=(0, 0))
        elif k == "water":
            seg = c["key"][1]
            nm = {"up": "上游", "mid": "中游", "down": "下游"}[seg]
            u.update(cls=1, sub="水环境优先保护类", base=f"长江沧澜段{nm}水域优先保护单元", text=T_WATER,
                     order=(1, {"up": 0, "mid": 1, "down": 2}[seg]))
        elif k == "eco":
            share = g.intersection(rl).area / g.area
            reg = c["key"][1]
            if share > 0.5:
                u.update(cls=1, sub="生态保护红线类", base=f"沧澜县{reg}生态保护红线优先保护单元", text=T_ECO_RED)
            else:
                u.update(cls=1, sub="一般生态空间类", base=f"沧澜县{reg}一般生态空间优先保护单元", text=T_ECO_GEN)
            u["order"] = (2, list(Z["eco"]).index(reg), round(rp.x / 1000.0))
        elif k == "park":
            nm = c["key"][1]
            u.update(cls=2, sub="产业集聚类", base=f"{nm}重点管控单元", text=T_PARKS[nm],
                     order=(0, list(Z["parks"]).index(nm)), park=nm)
        elif k == "town":
            nm = c["key"][1]
            u.update(cls=2, sub="城镇生活类", base=f"{nm}城镇生活重点管控单元", text=T_TOWN,
                     order=(1, list(towns).index(nm)), town=nm)
        elif k == "enclave":
            u.update(cls=3, sub="一般管控类", base="云雾村一般管控单元", text=T_GENERAL, order=(9, 0))
        else:
            near = min(towns, key=lambda t: towns[t].distance(rp))
            u.update(cls=3, sub="一般管控类", base=f"{near}一般管控单元", text=T_GENERAL,
                     order=(0, -round(rp.y / 6000.0), round(rp.x / 1000.0)))
        units.append(u)
    # codes: ZH + county code + class digit + 4-digit sequence
    seqs = defaultdict(int)
    for u in sorted(units, key=lambda u: (u["cls"], u["order"], u["base"])):
        seqs[u["cls"]] += 1
        u["code"] = f"ZH{COUNTY_CODE}{u['cls']}{seqs[u['cls']]:04d}"
    # names: number repeated base names
    counts = defaultdict(int)
    for u in units:
        counts[u["base"]] += 1
    running = defaultdict(int)
    for u in sorted(units, key=lambda u: u["code"]):
        if counts[u["base"]] > 1:
            running[u["base"]] += 1
            u["name"] = u["base"].replace("单元", f"单元{running[u['base']]}") if not u["base"].endswith("单元") else u["base"][:-2] + f"单元{running[u['base']]}"
        else:
            u["name"] = u["base"]
    styles = ["1.", "（1）", "①"]
    for u in sorted(units, key=lambda u: u["code"]):
        if u["kind"] in ("gen", "enclave"):
            u["style"] = "1."                      # general units share one common text
        elif u["kind"] == "park":
            u["style"] = {"沧澜经济开发区": "1.", "临港化工园区": "（1）", "青峰建材产业园": "①"}[u["park"]]
        else:
            u["style"] = styles[int(u["code"][-4:]) % 3]
        u["lists"] = {dim: render_list(u["text"][dim], u["style"]) for dim, _ in DIMS}
    units.sort(key=lambda u: u["code"])
    return units


# ----------------------------------------------------------------------------------------------
# 5. writing (EPSG:4490, 7 decimals) and reading back (EPSG:4546)
# ----------------------------------------------------------------------------------------------

def to_ll(geom):
    """Project to EPSG:4490 and round to DEC decimals; drop repeated vertices; orient rings (RFC 7946)."""
    g = shapely.transform(geom, lambda a: np.round(np.array(TO_LL.transform(a[:, 0], a[:, 1])).T, DEC))
    g = shapely.remove_repeated_points(g, 0.0)
    if g.geom_type == "Polygon":
        g = orient(g, 1.0)
    elif g.geom_type == "MultiPolygon":
        g = MultiPolygon([orient(p, 1.0) for p in g.geoms])
    return g


def to_xy(geom):
    return shapely.transform(geom, lambda a: np.array(TO_XY.transform(a[:, 0], a[:, 1])).T)


def fmt_coords(obj):
    if isinstance(obj, (list, tuple)) and obj and isinstance(obj[0], (int, float)):
        return "[" + ",".join(f"{v:.{DEC}f}".rstrip("0").rstrip(".") for v in obj) + "]"
    return "[" + ",".join(fmt_coords(o) for o in obj) + "]"


def write_fc(path, name, feats):
    """feats: list of (properties, lon/lat geometry). One feature per line, compact coordinates."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    lines = []
    for props, g in feats:
        gm = mapping(g)
        geo = '{"type":"%s","coordinates":%s}' % (gm["type"], fmt_coords(gm["coordinates"]))
        lines.append('{"type":"Feature","properties":%s,"geometry":%s}'
                     % (json.dumps(props, ensure_ascii=False, separators=(",", ":")), geo))
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"type":"FeatureCollection","name":"%s",\n"features":[\n' % name)
        f.write(",\n".join(lines))
        f.write("\n]}\n")


def read_fc(path):
    with open(path, encoding="utf-8") as f:
        fc = json.load(f)
    out = []
    for ft in fc["features"]:
        g = shape(ft["geometry"])
        out.append((ft["properties"], g, to_xy(g)))
    return out


def write_layers(G, Z, units):
    L = os.path.join(OUT, "layers")
    os.makedirs(L, exist_ok=True)
    feats = []
    for u in units:
        p = OrderedDict([("HJGKDYBM", u["code"]), ("HJGKDYMC", u["name"]), ("ZHGKDYFL", str(u["cls"])),
                         ("DYXL", u["sub"]), ("PROV", "江汉省（虚构）"), ("CITY", "云梦市（虚构）"),
                         ("COUNTY", "沧澜县（虚构）")])
        for dim, field in DIMS:
            p[field] = u["lists"][dim]
        feats.append((p, to_ll(u["geom"])))
    write_fc(os.path.join(L, "units.geojson"), "units", feats)

    feats = [(OrderedDict([("HXBM", c), ("HXMC", n), ("HXLX", t), ("XZQDM", COUNTY_CODE)]), to_ll(g))
             for c, n, t, g in Z["redlines"]]
    write_fc(os.path.join(L, "redlines.geojson"), "redlines", feats)

    feats = []
    for side, b in G["main_banks"]:
        feats.append((OrderedDict([("HLMC", "长江"), ("HLDJ", "干流"), ("AB", side)]), to_ll(b)))
    for t in G["tribs"]:
        for side, b in t["banks"]:
            feats.append((OrderedDict([("HLMC", t["name"]), ("HLDJ", t["grade"]), ("AB", side)]), to_ll(b)))
    write_fc(os.path.join(L, "shorelines.geojson"), "shorelines", feats)

    feats = []
    for (g, lv), code in zip(Z["ws"], ["SY429099001-1", "SY429099001-2", "SY429099001-3"]):
        feats.append((OrderedDict([("BHQBM", code), ("BHQMC", f"沧澜县长江城区饮用水水源{lv}保护区" if lv != "准保护区" else "沧澜县长江城区饮用水水源准保护区"),
                                   ("BHJB", lv), ("SYDMC", "沧澜县长江城区饮用水水源地")]), to_ll(g)))
    write_fc(os.path.join(L, "water-sources.geojson"), "water-sources", feats)

    # parks: the industrial-cluster units' own outlines; 青峰建材产业园 is not on the compliant list
    feats = []
    for n, (name, (kind, level, compliant)) in enumerate(PARKS.items(), 1):
        u = [u for u in units if u.get("park") == name][0]
        feats.append((OrderedDict([("YQBM", f"YQ{COUNTY_CODE}{n:03d}"), ("YQMC", name), ("YQLX", kind), ("YQJB", level),
                                   ("SFHG", compliant)]), to_ll(u["geom"])))
    write_fc(os.path.join(L, "parks.geojson"), "parks", feats)
    # the county outline is not a dataset layer; kept out of the dataset, used only for the checks
    return to_ll(G["county"])


def check_tiling(units_rt, county_ll):
    """Tiling checks on the written files: union vs county, pairwise overlaps, shared vertices."""
    county = to_xy(county_ll)
    geoms = [g for _, _, g in units_rt]
    for (p, _, g) in units_rt:
        assert g.is_valid, p["HJGKDYBM"]
    union = unary_union(geoms)
    diff_area = union.symmetric_difference(county).area
    sum_area = sum(g.area for g in geoms)
    tree = STRtree(geoms)
    max_ov, tot_ov, pairs, adj = 0.0, 0.0, 0, 0
    conform_bad = 0
    ll = [g for _, g, _ in units_rt]
    for i, g in enumerate(geoms):
        for j in tree.query(g):
            if j <= i:
                continue
            pairs += 1
            a = g.intersection(geoms[j]).area
            max_ov, tot_ov = max(max_ov, a), tot_ov + a
            # shared-vertex check in lon/lat: every vertex of one unit lying on the other's boundary
            # (within 1e-9 degree) must be a vertex of the other unit as well
            A, B = ll[i], ll[j]
            if not A.intersects(B):
                continue
            adj += 1
            for X, Y in ((A, B), (B, A)):
                vx = shapely.get_coordinates(X)
                vy = set(map(tuple, shapely.get_coordinates(Y)))
                d = shapely.distance(shapely.points(vx), Y.boundary)
                for c in vx[d < 1e-9]:
                    if tuple(c) not in vy:
                        conform_bad += 1
    return dict(county_area=county.area, union_area=union.area, sum_area=sum_area,
                symdiff_area=diff_area, max_overlap=max_ov, total_overlap=tot_ov,
                pairs_checked=pairs, adjacent_pairs=adj, nonshared_vertices=conform_bad,
                union_type=union.geom_type)


# ----------------------------------------------------------------------------------------------
# 6. sources, clauses, annotations, rules, manifest
# ----------------------------------------------------------------------------------------------

SOURCES = [
    dict(id="yangtzeNegativeList", title="长江经济带发展负面清单指南（试行，2022年版）",
         issuer="推动长江经济带发展领导小组办公室", date="2022-01-19"),
    dict(id="redLineNotice", title="关于加强生态保护红线管理的通知（试行）",
         issuer="自然资源部 生态环境部 国家林业和草原局", date="2022-08-16"),
    dict(id="provinceList", title="江汉省生态环境分区管控总体准入要求（虚构）", issuer="江汉省人民政府（虚构）", date="2023-12-20"),
    dict(id="provinceYangtze", title="江汉省长江经济带发展负面清单实施细则（虚构）",
         issuer="江汉省推动长江经济带发展领导小组办公室（虚构）", date="2022-09-30"),
    dict(id="cityList", title="云梦市生态环境分区管控准入清单（虚构）", issuer="云梦市人民政府（虚构）", date="2024-03-01"),
    dict(id="unitLists", title="沧澜县环境管控单元生态环境准入清单（虚构）", issuer="沧澜县人民政府（虚构）", date="2024-06-30"),
    dict(id="devZoneEia", title="沧澜经济开发区总体规划环境影响报告书审查意见（虚构）", issuer="云梦市生态环境局（虚构）", date="2022-11-18"),
    dict(id="chemParkEia", title="临港化工园区总体规划环境影响报告书审查意见（虚构）", issuer="江汉省生态环境厅（虚构）", date="2021-08-09"),
    dict(id="buildParkEia", title="青峰建材产业园规划环境影响报告书审查意见（虚构）", issuer="云梦市生态环境局（虚构）", date="2023-04-12"),
]

NEW_EXP = ["new", "expansion"]
ALL_NAT = ["new", "expansion", "rebuild"]


def C(id, level, scope, dim, effect, text, doc, art, **cond):
    c = OrderedDict([("id", id), ("level", level), ("scope", scope), ("dimension", dim)])
    for k in CONDITION_KEYS:
        if k in cond:
            c[k] = cond[k]
    c["effect"] = effect
    c["text"] = text
    c["source"] = OrderedDict([("document", doc), ("article", art)])
    return c


def province_clauses():
    L, S = "province", "all"
    return [
        C("P-KJ-01", L, S, "spatialLayout", "restricted", "严格控制钢铁、水泥熟料、平板玻璃等产能过剩行业新增产能，确需新建的须严格执行产能等量或减量置换。", "provinceList", "第六条",
          industries=["C3110", "C3120", "C3011", "C3041"], natures=NEW_EXP),
        C("P-KJ-02", L, S, "spatialLayout", "needsAssessment", "新建、改建、扩建尾矿库须开展环境风险评价和溃坝风险论证，并符合矿产资源总体规划。", "provinceList", "第七条",
          flags=["tailingsPond"], natures=ALL_NAT),
        C("P-KJ-03", L, S, "spatialLayout", "prohibited", "禁止新建、扩建不符合国家石化、现代煤化工等产业布局规划的项目。", "yangtzeNegativeList", "产业发展管控条款",
          industries=["C251", "C252"], natures=NEW_EXP),
        C("P-KJ-04", L, S, "spatialLayout", "restricted", "严格控制新建燃煤发电项目，除背压式热电联产外原则上不再新建燃煤自备电厂。", "provinceList", "第八条",
          industries=["D4411"], natures=["new"]),
        C("P-KJ-05", L, S, "spatialLayout", "needsAssessment", "新建、扩建高耗能、高排放项目须落实能耗、煤炭消费和主要污染物排放区域削减要求，开展节能审查和碳排放评价。", "provinceList", "第九条",
          flags=["highEnergyHighEmission"], natures=NEW_EXP),
        C("P-KJ-06", L, S, "spatialLayout", "prohibited", "禁止新建、扩建《产业结构调整指导目录》淘汰类项目和法律法规明令禁止的落后产能项目。", "provinceList", "第五条",
          flags=["eliminatedCatalogue"]),
        C("P-WR-01", L, S, "pollutantDischarge", "needsAssessment", "新建、改建、扩建涉重金属重点行业建设项目实行重点重金属污染物排放等量或减量替代，须明确总量来源。", "provinceList", "第十二条",
          industries=["B0912", "C3212", "C3360", "C2645"], natures=ALL_NAT),
        C("P-WR-02", L, S, "pollutantDischarge", "requirement", "新建、扩建工业项目化学需氧量、氨氮、氮氧化物、挥发性有机物排放实行区域削减替代。", "provinceList", "第十三条",
          industries=["B", "C", "D"], natures=NEW_EXP),
        C("P-WR-03", L, S, "pollutantDischarge", "restricted", "禁止新建每小时三十五蒸吨以下燃煤锅炉，新建燃煤锅炉须达到超低排放水平。", "provinceList", "第十四条",
          industries=["D4430"], natures=["new"]),
        C("P-WR-04", L, S, "pollutantDischarge", "requirement", "印染、造纸、制革等行业执行水污染物特别排放限值。", "provinceList", "第十五条",
          industries=["C1713", "C22", "C1910"]),
        C("P-WR-05", L, S, "pollutantDischarge", "requirement", "未经许可，禁止在长江干支流新设、改设或者扩大排污口。", "provinceList", "第十六条"),
        C("P-FX-01", L, S, "environmentalRisk", "requirement", "新建化工项目应进入合规化工园区，并同步开展安全风险评估。", "provinceList", "第十八条",
          chemical=True, natures=["new"]),
        C("P-FX-02", L, S, "environmentalRisk", "needsAssessment", "新建、扩建危险化学品仓储项目须开展环境风险评估，原则上布局在化工园区内。", "provinceList", "第十九条",
          industries=["G5942"], natures=NEW_EXP),
        C("P-FX-03", L, S, "environmentalRisk", "requirement", "土壤污染重点监管单位应开展土壤和地下水污染隐患排查，新建项目同步建设防渗设施。", "provinceList", "第二十条",
          industries=["C26", "C32", "C3360"]),
        C("P-FX-04", L, S, "environmentalRisk", "requirement", "禁止在长江流域河湖管理范围内倾倒、填埋、堆放、弃置、处理固体废物。", "provinceList", "第二十一条"),
        C("P-ZY-01", L, S, "resourceEfficiency", "requirement", "实行用水总量和强度双控，纺织、造纸、化工等高耗水行业执行先进用水定额。", "provinceList", "第二十三条",
          industries=["C17", "C22", "C26"]),
        C("P-ZY-02", L, S, "resourceEfficiency", "requirement", "新建高耗能项目能效须达到行业标杆水平。", "provinceList", "第二十四条",
          flags=["highEnergyHighEmission"], natures=["new"]),
        C("P-ZY-03", L, S, "resourceEfficiency", "requirement", "新建矿山应达到绿色矿山建设标准，同步编制矿山地质环境保护与土地复垦方案。", "provinceList", "第二十五条",
          industries=["B"], natures=NEW_EXP),
        C("P-ZY-04", L, S, "resourceEfficiency", "requirement", "畜禽规模养殖场应配套粪污处理设施，畜禽粪污综合利用率不低于百分之八十。", "provinceList", "第二十六条",
          industries=["A03"]),
    ]


def city_clauses():
    L, S = "city", "all"
    return [
        C("C-KJ-01", L, S, "spatialLayout", "prohibited", "禁止新建、扩建独立炼焦项目。", "cityList", "第三条",
          industries=["C2521"], natures=NEW_EXP),
        C("C-KJ-02", L, S, "spatialLayout", "needsAssessment", "新建、扩建畜禽规模养殖场须开展选址环境合理性论证，避开禁养区和城镇规划区。", "cityList", "第四条",
          industries=["A03"], natures=NEW_EXP),
        C("C-KJ-03", L, S, "spatialLayout", "restricted", "限制新建、扩建非金属矿开采项目，新建石灰石、建筑石料矿山须位于矿产资源规划确定的开采区内。", "cityList", "第五条",
          industries=["B101"], natures=NEW_EXP),
        C("C-KJ-04", L, S, "spatialLayout", "needsAssessment", "新建、扩建港口码头项目须符合港口总体规划和岸线保护与利用规划，开展岸线利用论证。", "cityList", "第六条",
          industries=["G553"], natures=NEW_EXP),
        C("C-WR-01", L, S, "pollutantDischarge", "requirement", "新建涉挥发性有机物排放的涂料、油墨、塑料制品项目实行两倍削减替代。", "cityList", "第九条",
          industries=["C2641", "C2642", "C29"], natures=NEW_EXP),
        C("C-WR-02", L, S, "pollutantDischarge", "requirement", "城镇污水处理厂出水执行一级A标准，新建污水处理厂同步建设尾水人工湿地。", "cityList", "第十条",
          industries=["D4620"]),
        C("C-WR-03", L, S, "pollutantDischarge", "requirement", "畜禽规模养殖场实行雨污分流、干清粪工艺，养殖废水不得直排。", "cityList", "第十一条",
          industries=["A03"]),
        C("C-FX-01", L, S, "environmentalRisk", "needsAssessment", "新建、扩建化工项目须开展环境风险评估，涉及重点监管危险化工工艺的须开展安全和环境风险专项论证。", "cityList", "第十三条",
          chemical=True, natures=NEW_EXP),
        C("C-FX-02", L, S, "environmentalRisk", "requirement", "尾矿库应建设渗滤液收集处理和在线监测设施，制定突发环境事件应急预案。", "cityList", "第十四条",
          flags=["tailingsPond"]),
        C("C-FX-03", L, S, "environmentalRisk", "needsAssessment", "新建、扩建危险废物集中利用处置项目须开展环境风险和选址论证。", "cityList", "第十五条",
          industries=["N7724"], natures=NEW_EXP),
        C("C-ZY-01", L, S, "resourceEfficiency", "requirement", "新建大型数据中心电能利用效率不高于1.3，优先利用可再生能源。", "cityList", "第十七条",
          industries=["I6450"], natures=NEW_EXP),
        C("C-ZY-02", L, S, "resourceEfficiency", "requirement", "新建工业项目投资强度和容积率应达到全市工业用地控制指标。", "cityList", "第十八条",
          industries=["C"], natures=["new"]),
        C("C-ZY-03", L, S, "resourceEfficiency", "requirement", "严格控制地下水开采，地下水超采区内禁止新增取用地下水。", "cityList", "第十九条"),
        C("C-ZY-04", L, S, "resourceEfficiency", "requirement", "新建光伏电站不得占用永久基本农田和生态保护红线。", "cityList", "第二十条",
          industries=["D4416"], natures=["new"]),
    ]


def class_clauses():
    L = "class"
    K1, K2, K3, K13 = {"classes": [1]}, {"classes": [2]}, {"classes": [3]}, {"classes": [1, 3]}
    CY, CZ = {"subclasses": ["产业集聚类"]}, {"subclasses": ["城镇生活类"]}
    return [
        C("K1-KJ-01", L, K1, "spatialLayout", "prohibited", "优先保护单元内禁止新建、扩建化工、印染、电镀、造纸等工业项目。", "provinceList", "第三十条",
          industries=["C26", "C17", "C3360", "C22"], natures=NEW_EXP),
        C("K1-KJ-02", L, K1, "spatialLayout", "prohibited", "优先保护单元内禁止新建畜禽规模养殖场。", "provinceList", "第三十条",
          industries=["A03"], natures=["new"]),
        C("K1-KJ-03", L, K1, "spatialLayout", "needsAssessment", "优先保护单元内新建、扩建旅游住宿、房地产和景区开发项目须开展生态影响专题论证。", "provinceList", "第三十一条",
          industries=["H61", "K7010", "N786"], natures=NEW_EXP),
        C("K1-KJ-04", L, K1, "spatialLayout", "requirement", "生态保护红线内，在符合法律法规的前提下，仅允许对生态功能不造成破坏的有限人为活动。", "redLineNotice", "一（一）"),
        C("K1-WR-01", L, K1, "pollutantDischarge", "requirement", "优先保护单元内不得新增主要污染物排放量，现有污染源限期治理。", "provinceList", "第三十二条"),
        C("K1-FX-01", L, K1, "environmentalRisk", "requirement", "加强生态空间内地质灾害、森林火灾和外来物种入侵风险防控。", "provinceList", "第三十三条"),
        C("K1-ZY-01", L, K1, "resourceEfficiency", "requirement", "严格控制生态空间内开发强度，保障河湖生态流量。", "provinceList", "第三十四条"),
        C("K2-WR-01", L, K2, "pollutantDischarge", "requirement", "重点管控单元内新建、改建、扩建项目主要污染物排放须满足区域总量控制和削减替代要求。", "provinceList", "第三十六条",
          industries=["B", "C", "D"], natures=ALL_NAT),
        C("K2-FX-01", L, K2, "environmentalRisk", "requirement", "重点管控单元应建立环境风险隐患排查治理制度，涉危涉重企业编制突发环境事件应急预案。", "provinceList", "第三十七条"),
        C("K2-ZY-01", L, K2, "resourceEfficiency", "requirement", "重点管控单元内新建项目清洁生产水平应达到国内先进水平。", "provinceList", "第三十八条",
          natures=["new"]),
        C("K3-KJ-01", L, K13, "spatialLayout", "prohibited", "禁止在合规园区外新建、扩建化工项目。", "yangtzeNegativeList", "合规园区外高污染项目管控条款",
          chemical=True, natures=NEW_EXP),
        C("K3-KJ-02", L, K3, "spatialLayout", "prohibited", "禁止在合规园区外新建、扩建钢铁、有色冶炼、焦化、制浆等高污染项目。", "yangtzeNegativeList", "合规园区外高污染项目管控条款",
          industries=["C31", "C32", "C252", "C221"], natures=NEW_EXP),
        C("K3-KJ-03", L, K3, "spatialLayout", "needsAssessment", "新建工业项目原则上应进入工业园区，确需在园区外布局的须开展选址合理性论证。", "provinceList", "第四十条",
          industries=["C"], natures=["new"]),
        C("K3-WR-01", L, K3, "pollutantDischarge", "requirement", "一般管控单元内推进农业面源污染治理和农村生活污水治理。", "provinceList", "第四十一条"),
        C("K3-FX-01", L, K3, "environmentalRisk", "requirement", "加强农用地土壤环境质量类别划分和受污染耕地安全利用。", "provinceList", "第四十二条"),
        C("K3-ZY-01", L, K3, "resourceEfficiency", "requirement", "严格控制新增建设用地，推进存量建设用地盘活利用。", "provinceList", "第四十三条"),
        C("KCY-KJ-01", L, CY, "spatialLayout", "needsAssessment", "产业集聚类单元新建化工、冶炼项目须符合园区规划环评及其审查意见确定的产业定位，开展规划符合性论证。", "provinceList", "第四十五条",
          industries=["C25", "C26", "C31", "C32"], natures=["new"]),
        C("KCY-WR-01", L, CY, "pollutantDischarge", "requirement", "园区污水集中处理设施及配套管网应与园区同步建设，工业废水应收尽收。", "provinceList", "第四十六条"),
        C("KCY-FX-01", L, CY, "environmentalRisk", "requirement", "园区应建立环境风险防控体系和有毒有害气体预警体系。", "provinceList", "第四十七条"),
        C("KCY-ZY-01", L, CY, "resourceEfficiency", "requirement", "园区推行集中供热和循环化改造，新建项目不得自建分散燃煤锅炉。", "provinceList", "第四十八条"),
        C("KCZ-KJ-01", L, CZ, "spatialLayout", "prohibited", "城镇生活类单元内禁止新建、扩建化工项目。", "provinceList", "第五十条",
          chemical=True, natures=NEW_EXP),
        C("KCZ-KJ-02", L, CZ, "spatialLayout", "restricted", "城镇生活类单元内限制新建排放大气污染物的工业项目，电子信息、仪器仪表等低排放产业除外。", "provinceList", "第五十条",
          industries=["C"], excludeIndustries=["C39", "C40"], natures=["new"]),
        C("KCZ-WR-01", L, CZ, "pollutantDischarge", "requirement", "城镇新区建设实行雨污分流，城镇生活污水集中收集率逐年提高。", "provinceList", "第五十一条"),
        C("KCZ-FX-01", L, CZ, "environmentalRisk", "requirement", "居住、学校、医院等敏感目标周边的企业应落实环境防护距离。", "provinceList", "第五十二条"),
        C("KCZ-ZY-01", L, CZ, "resourceEfficiency", "requirement", "推进城镇再生水利用和海绵城市建设。", "provinceList", "第五十三条"),
    ]


def unit_clauses(code):
    L = "unit"
    dz, cp, bp, ws, seat = (code["park:沧澜经济开发区"], code["park:临港化工园区"], code["park:青峰建材产业园"],
                            code["ws"], code["town:沧澜镇"])

    def U(c):
        return {"units": [c]}
    return [
        C(f"U-{dz}-01", L, U(dz), "spatialLayout", "prohibited", "禁止新建、扩建化学农药原药、化学原料药生产项目。", "devZoneEia", "二（一）",
          industries=["C2631", "C2710"], natures=NEW_EXP),
        C(f"U-{dz}-02", L, U(dz), "resourceEfficiency", "needsAssessment", "新建、扩建数据中心须开展能效和水效专题论证，电能利用效率（PUE）不高于1.25。", "devZoneEia", "二（四）",
          industries=["I6450"], natures=NEW_EXP),
        C(f"U-{dz}-03", L, U(dz), "pollutantDischarge", "restricted", "限制新建独立电镀项目，电镀工序须进入开发区集中表面处理中心。", "devZoneEia", "二（二）",
          industries=["C3360"], natures=["new"]),
        C(f"U-{dz}-04", L, U(dz), "environmentalRisk", "requirement", "涉及危险化学品的入区项目须编制突发环境事件应急预案并与开发区应急预案衔接。", "devZoneEia", "二（三）",
          chemical=True),
        C(f"U-{cp}-01", L, U(cp), "spatialLayout", "restricted", "园区内限制新建食品加工等与化工生产存在环境防护冲突的项目。", "chemParkEia", "三（一）",
          industries=["C13", "C14"], natures=["new"]),
        C(f"U-{cp}-02", L, U(cp), "spatialLayout", "prohibited", "禁止新建、扩建炸药、火工产品生产项目。", "chemParkEia", "三（一）",
          industries=["C2671"], natures=NEW_EXP),
        C(f"U-{cp}-03", L, U(cp), "pollutantDischarge", "requirement", "新建、扩建化工项目挥发性有机物排放实行两倍削减替代。", "chemParkEia", "三（二）",
          chemical=True, natures=NEW_EXP),
        C(f"U-{cp}-04", L, U(cp), "environmentalRisk", "requirement", "新建危险化学品仓储设施须设置围堰、事故应急池，并纳入园区风险监控平台。", "chemParkEia", "三（三）",
          industries=["G5942"], natures=NEW_EXP),
        C(f"U-{cp}-05", L, U(cp), "resourceEfficiency", "requirement", "新建化工项目单位产品能耗、水耗须达到国内先进水平。", "chemParkEia", "三（四）",
          chemical=True, natures=["new"]),
        C(f"U-{bp}-01", L, U(bp), "spatialLayout", "restricted", "新建水泥熟料生产线须实施产能减量置换。", "buildParkEia", "第二条",
          industries=["C3011"], natures=["new"]),
        C(f"U-{bp}-02", L, U(bp), "pollutantDischarge", "requirement", "建材企业大气污染物排放执行超低排放要求。", "buildParkEia", "第三条",
          industries=["C30"]),
        C(f"U-{bp}-03", L, U(bp), "environmentalRisk", "requirement", "矿渣、粉煤灰等工业固体废物贮存场所须防渗、防扬散。", "buildParkEia", "第四条"),
        C(f"U-{ws}-01", L, U(ws), "spatialLayout", "prohibited", "水源保护区岸线和河段范围内禁止新建、扩建码头。", "cityList", "第七条",
          industries=["G553"], natures=NEW_EXP),
        C(f"U-{seat}-01", L, U(seat), "pollutantDischarge", "prohibited", "县城建成区禁止新建、扩建燃煤锅炉。", "cityList", "第八条",
          industries=["D4430"], natures=NEW_EXP),
    ]


# How a person reads each published-style list item that prohibits or restricts (the words the Swift
# side calls binding): its effect and conditions. Items restating a national rule that the tool applies
# by its own layers (red lines, drinking-water zones) or governing conduct rather than admission are
# read as requirements. Every binding item the units carry must be here (checked in main()).
COMPLIANT_PARK = OrderedDict([("compliant", True)])
TEXT_READINGS = {
    # 生态保护红线类 / 一般生态空间类 priority units
    "生态保护红线内，自然保护地核心保护区原则上禁止人为活动，其他区域严格禁止开发性、生产性建设活动，仅允许对生态功能不造成破坏的有限人为活动。":
        dict(effect="requirement"),
    "一般生态空间内禁止新建、扩建工业项目和矿产资源开发项目，现有工业企业逐步关停退出。":
        dict(effect="prohibited", industries=["B", "C", "D"], natures=NEW_EXP),
    "禁止毁林开荒、开山采石、挖砂取土等破坏山体植被和水源涵养功能的活动。":
        dict(effect="prohibited", industries=["B101"]),
    "居民点生活污水应就近收集处理，达标后回用或排放，禁止直排入河。": dict(effect="requirement"),
    "禁止新设排污口，现有排污口依法整治。": dict(effect="prohibited", flags=["newOutfall"]),
    "禁止新建危险化学品储存设施和固体废物贮存、填埋场所。":
        dict(effect="prohibited", industries=["G5942", "N7723", "N7724"], natures=["new"]),
    "严格控制取用水总量，保障河流生态流量。": dict(effect="requirement"),
    "一般生态空间内原则上按限制开发区域管理，严格控制新增建设用地，禁止新建、扩建工业项目。":
        dict(effect="prohibited", industries=["B", "C", "D"], natures=NEW_EXP),
    "禁止在二十五度以上陡坡地开垦种植农作物。": dict(effect="prohibited", industries=["A01"], flags=["steepSlopeCultivation"]),
    "旅游、康养开发应符合生态环境保护要求，不得破坏自然景观和生态功能。": dict(effect="requirement"),
    # 长江 water units
    "禁止在长江干流岸线保护区和保留区内投资建设除防洪护岸、河道治理、供水、生态环境保护、航道整治、国家重要基础设施以外的项目。":
        dict(effect="prohibited", excludeIndustries=["N76", "N77", "D461", "E4821", "E4822", "G5531"],
             **{"except": [OrderedDict([("flags", ["nationalMajorProject"])])]}),
    "禁止新建、扩建不符合港口总体规划和岸线利用规划的码头项目。":
        dict(effect="needsAssessment", industries=["G553", "E4823"], natures=NEW_EXP),
    "禁止在水生生物保护区内从事生产性捕捞。": dict(effect="prohibited", industries=["A0422"]),
    "禁止未经许可在长江干流新设、改设或者扩大排污口。": dict(effect="needsAssessment", flags=["newOutfall"]),
    "船舶污染物应按规定接收、转运和处置，禁止向水体排放船舶含油污水和生活污水。": dict(effect="requirement"),
    "加强危险化学品运输船舶监管，禁止运输剧毒化学品和国家规定禁止通过内河运输的其他危险化学品。": dict(effect="requirement"),
    "严格控制岸线开发强度，提高岸线利用效率。": dict(effect="restricted", industries=["G553", "E4823"], natures=NEW_EXP),
    # drinking-water source unit
    "饮用水水源一级保护区内禁止新建、改建、扩建与供水设施和保护水源无关的建设项目。": dict(effect="requirement"),
    "饮用水水源二级保护区内禁止新建、改建、扩建排放污染物的建设项目。": dict(effect="requirement"),
    "禁止在保护区内设置排污口。": dict(effect="prohibited", flags=["newOutfall"]),
    "禁止在一级保护区内从事网箱养殖、旅游、游泳、垂钓等可能污染饮用水水体的活动。": dict(effect="requirement"),
    "禁止运输危险化学品的车辆、船舶在保护区内停靠、装卸。": dict(effect="requirement"),
    "保障取水口上游来水水质，严格控制取水口周边岸线开发。": dict(effect="restricted", industries=["G553", "E4823"], natures=NEW_EXP),
    # towns
    "城镇建成区内禁止新建、扩建化工、印染、电镀等污染较重的工业项目，现有企业逐步搬迁入园。":
        dict(effect="prohibited", industries=["chemical", "C1713", "C1723", "C1733", "C1743", "C1752", "C1762", "C3360"], natures=NEW_EXP),
    "居住区、学校、医院周边禁止新建排放恶臭、有毒有害气体的项目。": dict(effect="prohibited", flags=["odourToxicGas"], natures=["new"]),
    # general units
    "禁止在合规园区外新建、扩建化工、钢铁、有色冶炼、制浆造纸等高污染项目。":
        dict(effect="prohibited", industries=["chemical", "C31", "C321", "C322", "C323", "C221", "C222"], natures=NEW_EXP,
             outsidePark=COMPLIANT_PARK),
    "严格保护永久基本农田，严禁非农建设违规占用。": dict(effect="requirement"),
    # parks
    "城东片区临江区域优先布局装备制造、电子信息、食品加工等产业，临江一公里范围内禁止新建、扩建化工项目。":
        dict(effect="prohibited", industries=["chemical"], natures=NEW_EXP,
             nearShoreline=OrderedDict([("distance", 1000), ("rivers", ["mainStream"])])),
    "园区主导产业为精细化工、化工新材料，禁止引进不符合园区主导产业定位的化工项目。":
        dict(effect="needsAssessment", industries=["chemical"], natures=NEW_EXP),
    "矿山废石、尾矿应规范处置，禁止向河道倾倒。": dict(effect="requirement"),
}
# Left unannotated on purpose: ZoneScreen's clause reader reads it (a rule of conduct, 非法, binds no
# project's admission), and the expected answers take it so: a requirement.
UNREAD = {"禁止非法采砂。"}
CONDITION_KEYS = ("industries", "excludeIndustries", "natures", "chemical", "flags", "inPark", "outsidePark", "nearShoreline", "except")
BINDING = ["严格禁止", "禁止", "严禁", "不得", "不准", "不允许", "不予", "不再", "原则上", "严格限制", "限制", "严格控制", "严控"]


def binding_word(text):
    found = [(text.find(w), w) for w in BINDING if w in text]
    return min(found)[1] if found else None


def unit_items(path):
    """Each unit's list items by dimension, as a written units layer gives them (code, {dim: [items]})."""
    out = []
    for p, _, _ in read_fc(path):
        out.append((p["HJGKDYBM"], {dim: split_numbered(p.get(field) or "") for dim, field in DIMS}))
    return out


def annotations(code, units):
    """`units`: (code, {dimension: [items]}) for every unit, as written."""
    dz, cp, bp, seat = (code["park:沧澜经济开发区"], code["park:临港化工园区"], code["park:青峰建材产业园"], code["town:沧澜镇"])
    A = []

    def a(clause, effect, **cond):
        x = OrderedDict([("clause", clause)])
        for k in CONDITION_KEYS:
            if k in cond:
                x[k] = cond[k]
        x["effect"] = effect
        A.append(x)
    a(f"{dz}-spatialLayout-1", "prohibited",
      industries=["C1713", "C1723", "C1733", "C1743", "C1752", "C1762", "C22", "C1910"], natures=NEW_EXP)
    a(f"{cp}-spatialLayout-2", "prohibited", industries=["C2631", "C2645"], natures=NEW_EXP)
    a(f"{cp}-spatialLayout-3", "prohibited", flags=["phosgene"], natures=NEW_EXP)
    a(f"{cp}-environmentalRisk-2", "needsAssessment", chemical=True, flags=["hazardousProcess"], natures=["new"])
    a(f"{bp}-spatialLayout-1", "prohibited", industries=["C25", "C26", "C17", "C22"], natures=["new"])
    a(f"{seat}-spatialLayout-1", "prohibited", industries=["C26", "C17", "C3360"], natures=NEW_EXP)
    # every other item with prohibiting or restricting words, by its text
    done = {x["clause"] for x in A}
    for unit_code, items in units:
        for dim, _ in DIMS:
            for n, item in enumerate(items[dim], 1):
                cid = f"{unit_code}-{dim}-{n}"
                if cid in done or not binding_word(item) or item in UNREAD:
                    continue
                reading = dict(TEXT_READINGS[item])
                a(cid, reading.pop("effect"), **reading)
    return A


def rules_doc():
    """The demo's own rules: what the fictional province adds to the national pack (which is built in)."""
    def flag(id, zh, en):
        return OrderedDict([("id", id), ("zh", zh), ("en", en), ("group", "project")])
    return OrderedDict([
        # the words of the flags the demo's own rules, clauses and readings use (the pack names its own)
        ("flags", [
            flag("industrialPark", "新设工业园区", "a new industrial park"),
            flag("hazardousProcess", "涉及重点监管危险化工工艺", "a hazardous chemical process under key supervision"),
            flag("phosgene", "以光气为原料", "uses phosgene"),
            flag("highEnergyHighEmission", "高耗能、高排放（两高）项目", "a high energy use, high emission project"),
            flag("eliminatedCatalogue", "列入淘汰类或落后产能", "an eliminated or obsolete-capacity project"),
            flag("newOutfall", "新设、改设或扩大排污口", "a new, moved or enlarged outfall"),
            flag("odourToxicGas", "排放恶臭、有毒有害气体", "emits odorous, toxic or harmful gases"),
            flag("steepSlopeCultivation", "二十五度以上陡坡地开垦", "cultivation on slopes over 25 degrees"),
        ]),
        ("unitClassRules", [
            OrderedDict([("id", "R-DY-01"), ("classes", [1]), ("natures", NEW_EXP), ("industries", ["B", "C", "D"]),
                         ("effect", "restricted"), ("text", "优先保护单元内严格限制新建、扩建工业项目"),
                         ("source", OrderedDict([("document", "provinceList"), ("article", "第二十九条")]))]),
            OrderedDict([("id", "R-DY-02"), ("classes", [1]), ("natures", NEW_EXP), ("industries", ["B"]),
                         ("effect", "prohibited"), ("text", "优先保护单元内禁止新建、扩建矿产资源开采项目"),
                         ("source", OrderedDict([("document", "provinceList"), ("article", "第二十九条")]))]),
        ]),
        ("shorelineBands", [
            OrderedDict([("id", "R-AX-04"), ("distance", 5000), ("rivers", ["mainStream", "importantTributary"]),
                         ("flags", ["industrialPark"]), ("natures", ["new"]), ("effect", "prohibited"),
                         ("text", "严禁在长江干流及主要支流岸线五公里范围内新布局工业园区"),
                         ("source", OrderedDict([("document", "provinceYangtze"), ("article", "第十一条")]))]),
            OrderedDict([("id", "R-AX-05"), ("distance", 5000), ("rivers", ["mainStream", "importantTributary"]),
                         ("industries", ["A03"]), ("natures", NEW_EXP), ("effect", "restricted"),
                         ("text", "长江干流及主要支流岸线五公里范围内严格限制新建、扩建畜禽规模养殖场"),
                         ("source", OrderedDict([("document", "provinceYangtze"), ("article", "第十四条")]))]),
        ]),
    ])


def manifest():
    return OrderedDict([
        ("formatVersion", 1),
        ("name", "沧澜县三线一单生态环境分区管控数据集（虚构示例）"),
        ("region", "沧澜县（虚构）"),
        ("regionCode", COUNTY_CODE),
        ("fictional", True),
        ("version", "2024.1"),
        ("date", "2024-06-30"),
        ("crs", "EPSG:4490"),
        ("measurement", OrderedDict([("method", "projected"), ("crs", "EPSG:4546")])),
        ("shorelineBaseline", "waterline"),
        ("sources", [OrderedDict(s) for s in SOURCES]),
        ("layers", OrderedDict([
            ("redLines", OrderedDict([("file", "layers/redlines.geojson"),
                                      ("fields", OrderedDict([("code", "HXBM"), ("name", "HXMC"), ("type", "HXLX")]))])),
            ("controlUnits", OrderedDict([
                ("file", "layers/units.geojson"),
                ("fields", OrderedDict([("code", "HJGKDYBM"), ("name", "HJGKDYMC"), ("class", "ZHGKDYFL"),
                                        ("subclass", "DYXL"), ("county", "COUNTY")])),
                ("classValues", OrderedDict([("1", 1), ("2", 2), ("3", 3)])),
                ("listFields", OrderedDict([("spatialLayout", "KJBJYS"), ("pollutantDischarge", "PWWPFGK"),
                                            ("environmentalRisk", "HJFXFK"), ("resourceEfficiency", "ZYKFXLYQ")])),
            ])),
            ("shorelines", OrderedDict([
                ("file", "layers/shorelines.geojson"),
                ("fields", OrderedDict([("name", "HLMC"), ("class", "HLDJ")])),
                ("classValues", OrderedDict([("干流", "mainStream"), ("重要支流", "importantTributary"), ("支流", "tributary")])),
            ])),
            ("sensitiveAreas", [OrderedDict([
                ("id", "drinkingWater"), ("kind", "饮用水水源保护区"), ("file", "layers/water-sources.geojson"),
                ("fields", OrderedDict([("code", "BHQBM"), ("name", "BHQMC"), ("level", "BHJB")])),
            ])]),
            ("parks", OrderedDict([
                ("file", "layers/parks.geojson"),
                ("fields", OrderedDict([("code", "YQBM"), ("name", "YQMC"), ("kind", "YQLX"), ("level", "YQJB"),
                                        ("compliant", "SFHG")])),
            ])),
        ])),
        ("clauseFiles", ["lists/province.yaml", "lists/city.yaml", "lists/classes.yaml", "lists/units.yaml"]),
        ("unitClauseAnnotations", "lists/unit-annotations.yaml"),
        ("rules", "rules.yaml"),
        ("sites", "sites.geojson"),
    ])


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):          # no YAML anchors / aliases in the output
        return True


def _odict_rep(dumper, data):
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items())


def _list_rep(dumper, data):
    flow = all(not isinstance(x, (dict, list, OrderedDict)) for x in data) and len(data) <= 12
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


def _dict_rep(dumper, data):
    flow = all(not isinstance(v, (dict, list, OrderedDict)) or (isinstance(v, list) and len(v) <= 3) for v in data.values()) and len(data) <= 2
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=flow)


_Dumper.add_representer(OrderedDict, _odict_rep)
_Dumper.add_representer(list, _list_rep)
_Dumper.add_representer(dict, _dict_rep)


def write_yaml(path, obj, header=""):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        if header:
            f.write("".join(f"# {l}\n" for l in header.splitlines()))
        yaml.dump(obj, f, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


# ----------------------------------------------------------------------------------------------
# 7. the reference evaluation (independent implementation of docs/dataset-format.md)
# ----------------------------------------------------------------------------------------------

EFFECT_RANK = {"prohibited": 3, "restricted": 2, "needsAssessment": 1, "requirement": 0}
EFFECT_ZH = {"prohibited": "禁止", "restricted": "限制", "needsAssessment": "需论证", "requirement": "要求"}
NUMBERING = __import__("re").compile(r"(\d+\s*[.、．]|[（(]\s*\d+\s*[)）]|[①②③④⑤⑥⑦⑧⑨⑩])")


def split_numbered(text):
    """Split published list text at its numbering; text without numbering is one clause."""
    pieces = NUMBERING.split(text)
    if len(pieces) == 1:
        return [text.strip()] if text.strip() else []
    items = [pieces[i + 1].strip() for i in range(1, len(pieces) - 1, 2)]
    return [it for it in items if it]


def code_covers(rule_code, project_code):
    return project_code.startswith(rule_code)


def covers(designators, prof, chem_inds):
    """An industries list: GB/T codes, and `chemical` for a project of chemical nature."""
    if any(code_covers(c, prof["industry"]) for c in designators if c != "chemical"):
        return True
    return "chemical" in designators and is_chemical(prof, chem_inds)


def park_holds(spec, relation, site):
    """园区内 / 园区外: `site["parks"]` is [(kind, compliant, share of the site)]."""
    spec = spec if isinstance(spec, dict) else {}
    kinds, compliant_only = spec.get("kinds"), spec.get("compliant", False)
    inside = min(1.0, sum(share for kind, compliant, share in site["parks"]
                          if (kinds is None or kind in kinds) and (not compliant_only or compliant)))
    return inside > 0.001 if relation == "inside" else 1 - inside > 0.001


def site_holds(cond, site):
    """The site conditions of a clause or rule: 岸线 N 米内, 园区内/外."""
    if "nearShoreline" in cond:
        ns = cond["nearShoreline"]
        if min(site["dist"][c] for c in ns.get("rivers", ALL_RIVERS)) > ns["distance"]:
            return False
    if "outsidePark" in cond and not park_holds(cond["outsidePark"], "outside", site):
        return False
    if "inPark" in cond and not park_holds(cond["inPark"], "inside", site):
        return False
    return True


def concerns(cond, prof, chem_inds, site=None):
    """Does a clause / rule with conditions `cond` concern the project profile `prof` at `site`?"""
    ind = prof["industry"]
    if site is not None and not site_holds(cond, site):
        return False
    if "industries" in cond and not covers(cond["industries"], prof, chem_inds):
        return False
    if "excludeIndustries" in cond and any(code_covers(c, ind) for c in cond["excludeIndustries"]):
        return False
    if "natures" in cond and prof["nature"] not in cond["natures"]:
        return False
    if cond.get("chemical") is True and not is_chemical(prof, chem_inds):
        return False
    if "flags" in cond and not all(f in prof.get("flags", []) for f in cond["flags"]):
        return False
    if any(concerns(e, prof, chem_inds, site) for e in cond.get("except", [])):
        return False
    return True


def is_chemical(prof, chem_inds):
    if "chemical" in prof:
        return bool(prof["chemical"])
    return any(code_covers(c, prof["industry"]) for c in chem_inds)


ALL_RIVERS = ["mainStream", "importantTributary", "tributary"]
RULE_SECTIONS = ("redLines", "unitClassRules", "shorelineBands", "sensitiveAreaRules", "regionRules")


def national_rules(region_code):
    """The built-in pack's rules that hold in `region_code`'s province, by section."""
    pack = yaml.safe_load(open(NATIONAL_PACK, encoding="utf-8"))
    province = region_code[:2]
    out = {sec: [] for sec in RULE_SECTIONS}
    for sec in RULE_SECTIONS:
        for r in pack["rules"].get(sec, []):
            region = pack["regions"][r.get("appliesIn", "nationwide")]
            if "provinces" in region and province not in region["provinces"] + region.get("partly", []):
                continue
            out[sec].append(r)
    return out, pack["chemicalIndustries"]


class Dataset:
    """The written dataset, read back from disk; geometry in EPSG:4546."""

    def __init__(self, root=None):
        OUT = root or globals()["OUT"]        # another edition's folder (make_demo_2025.py) or this one
        self.root = OUT
        self.man = yaml.safe_load(open(os.path.join(OUT, "dataset.yaml"), encoding="utf-8"))
        self.local_rules = yaml.safe_load(open(os.path.join(OUT, "rules.yaml"), encoding="utf-8"))
        national, national_chem = national_rules(self.man["regionCode"])
        # the national pack's rules first, then the dataset's own (as the tool merges them)
        self.rules = {sec: national[sec] + self.local_rules.get(sec, []) for sec in RULE_SECTIONS}
        self.rules["chemicalIndustries"] = self.local_rules.get("chemicalIndustries", national_chem)
        lay = self.man["layers"]
        self.units = []
        f = lay["controlUnits"]["fields"]
        for p, ll, xy in read_fc(os.path.join(OUT, lay["controlUnits"]["file"])):
            cls = lay["controlUnits"]["classValues"][p[f["class"]]]
            self.units.append(dict(code=p[f["code"]], name=p[f["name"]], cls=cls, sub=p.get(f["subclass"]), geom=xy, props=p))
        self.unit_tree = STRtree([u["geom"] for u in self.units])
        self.redlines = [dict(code=p["HXBM"], name=p["HXMC"], type=p["HXLX"], geom=xy, ll=ll)
                         for p, ll, xy in read_fc(os.path.join(OUT, lay["redLines"]["file"]))]
        cv = lay["shorelines"]["classValues"]
        self.banks = [dict(name=p["HLMC"], cls=cv[p["HLDJ"]], geom=xy, ll=ll)
                      for p, ll, xy in read_fc(os.path.join(OUT, lay["shorelines"]["file"]))]
        self.sens = {}
        for s in lay["sensitiveAreas"]:
            fs = s["fields"]
            self.sens[s["id"]] = [dict(code=p[fs["code"]], name=p[fs["name"]], level=p.get(fs.get("level")), geom=xy)
                                  for p, ll, xy in read_fc(os.path.join(OUT, s["file"]))]
        self.parks = []
        if "parks" in lay:
            fp = lay["parks"]["fields"]
            for p, ll, xy in read_fc(os.path.join(OUT, lay["parks"]["file"])):
                kind = "chemical" if "化工" in (p.get(fp["kind"]) or p[fp["name"]]) else "industrial"
                self.parks.append(dict(code=p[fp["code"]], name=p[fp["name"]], kind=kind,
                                       compliant={"是": True, "否": False}[p[fp["compliant"]]], geom=xy))
        self.clauses = []
        for cf in self.man["clauseFiles"]:
            self.clauses += yaml.safe_load(open(os.path.join(OUT, cf), encoding="utf-8"))["clauses"]
        ann = yaml.safe_load(open(os.path.join(OUT, self.man["unitClauseAnnotations"]), encoding="utf-8"))["annotations"]
        ann = {a["clause"]: a for a in ann}
        self.annotations = ann
        self.text_clauses = []
        for u in self.units:
            for dim, field in lay["controlUnits"]["listFields"].items():
                for n, t in enumerate(split_numbered(u["props"].get(field, "")), 1):
                    cid = f"{u['code']}-{dim}-{n}"
                    c = dict(id=cid, level="unit", scope={"units": [u["code"]]}, dimension=dim,
                             effect="requirement", text=t, source={"document": "unitLists", "article": u["code"]})
                    if cid in ann:
                        c.update({k: v for k, v in ann[cid].items() if k != "clause"})
                    elif binding_word(t) and t not in UNREAD:
                        # nobody read it: 未能自动判定，需人工核对, counted as 需论证
                        c["review"] = binding_word(t)
                    self.text_clauses.append(c)
        self.chem = self.rules["chemicalIndustries"]

    def bank_union(self, classes):
        return unary_union([b["geom"] for b in self.banks if b["cls"] in classes])

    def dist(self, geom, classes):
        return geom.distance(self.bank_union(classes))

    def units_touched(self, geom):
        return [self.units[i] for i in sorted(self.unit_tree.query(geom)) if self.units[i]["geom"].intersects(geom)]


def share_in(geom, zone):
    """The share of a site inside a zone: area for parcels, length for lines, 1 or 0 for points."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom.intersection(zone).area / geom.area
    if geom.geom_type in ("LineString", "MultiLineString"):
        return geom.intersection(zone).length / geom.length
    return 1.0 if zone.intersects(geom) else 0.0


def evaluate(ds, geom, prof):
    """Everything that applies to a site; returns a dict of facts and items (id, effect, why)."""
    units = ds.units_touched(geom)
    classes = {u["cls"] for u in units}
    subs = {u["sub"] for u in units}
    codes = {u["code"] for u in units}
    reds = [r for r in ds.redlines if r["geom"].intersects(geom)]
    dist = {c: ds.dist(geom, [c]) for c in ALL_RIVERS}
    parks = [(p["kind"], p["compliant"], share_in(geom, p["geom"])) for p in ds.parks if p["geom"].intersects(geom)]
    site = dict(dist=dist, parks=[x for x in parks if x[2] > 0])
    items, near = [], []

    # red lines (with the positive list)
    for rl in ds.rules["redLines"]:
        if reds:
            eff, why = rl["effect"], "触及生态保护红线 " + "、".join(r["code"] for r in reds)
            for a in rl.get("allowed", []):
                if a["flag"] in prof.get("flags", []):
                    eff, why = a["effect"], why + f"，属正面清单（{a['flag']}）"
                    break
            items.append((rl["id"], eff, why))
        elif min((r["geom"].distance(geom) for r in ds.redlines), default=1e9) <= 1000:
            near.append(rl["id"])
    # unit-class rules
    for r in ds.rules["unitClassRules"]:
        if not concerns(r, prof, ds.chem, site):
            continue
        if classes & set(r["classes"]):
            items.append((r["id"], r["effect"], f"位于{'/'.join(str(c) for c in sorted(classes & set(r['classes'])))}类单元"))
        else:
            near.append(r["id"])
    # shoreline bands (inclusive edge)
    for r in ds.rules["shorelineBands"]:
        if not concerns(r, prof, ds.chem, site):
            continue
        d = min(dist[c] for c in r.get("rivers", ALL_RIVERS))
        if d <= r["distance"]:
            items.append((r["id"], r["effect"], f"距岸线 {d:.1f} m ≤ {r['distance']} m"))
        elif d <= 3 * r["distance"]:
            near.append(r["id"])
    # sensitive areas (a rule names a layer by id; the demo's drinking-water layer's id is its role)
    sens_hit = []
    for layer, zones in ds.sens.items():
        sens_hit += [z["code"] for z in zones if z["geom"].intersects(geom)]
    for r in ds.rules["sensitiveAreaRules"]:
        if r["layer"] not in ds.sens:
            continue
        zones = [z for z in ds.sens[r["layer"]] if ("levels" not in r or z["level"] in r["levels"])]
        hit = [z for z in zones if z["geom"].intersects(geom)]
        if not concerns(r, prof, ds.chem, site):
            if hit:
                near.append(r["id"])          # in the zone, but the profile is exempt
            continue
        if hit:
            items.append((r["id"], r["effect"], "位于" + "、".join(
                z["level"] if z["level"].endswith("保护区") else z["level"] + "保护区" for z in hit)))
        elif zones and min(z["geom"].distance(geom) for z in zones) <= 2000:
            near.append(r["id"])
    # rules that hold throughout the region (their site conditions, e.g. 合规园区外, still apply)
    for r in ds.rules["regionRules"]:
        if concerns(r, prof, ds.chem, site):
            where = "位于合规园区外" if "outsidePark" in r else "适用于本地区"
            items.append((r["id"], r["effect"], where))
        elif concerns(r, prof, ds.chem):
            near.append(r["id"])              # the project is one it names, but the site is not where it binds
    # clauses (structured and unit-level text)
    req = []
    for c in ds.clauses + ds.text_clauses:
        sc = c["scope"]
        if sc == "all":
            inscope = True
        elif "classes" in sc:
            inscope = bool(classes & set(sc["classes"]))
        elif "subclasses" in sc:
            inscope = bool(subs & set(sc["subclasses"]))
        else:
            inscope = bool(codes & set(sc["units"]))
        if inscope and "review" in c:
            items.append((c["id"], "needsAssessment", f"含“{c['review']}”，未能自动判定，需人工核对"))
            continue
        ok = concerns(c, prof, ds.chem, site)
        if inscope and ok:
            if c["effect"] == "requirement":
                req.append(c["id"])
            else:
                t = c["text"].rstrip("。")
                items.append((c["id"], c["effect"], t if len(t) <= 22 else t[:21] + "…"))
        elif inscope and c["effect"] != "requirement" and concerns(c, prof, ds.chem):
            near.append(c["id"])              # the project is one it names, but the site is not where it binds
        elif ok and not inscope and c["effect"] != "requirement" and sc != "all":
            # near miss: the profile matches but the site is outside the scope, within 500 m of it
            scope_units = [u for u in ds.units if (("classes" in sc and u["cls"] in sc["classes"]) or
                                                    ("subclasses" in sc and u["sub"] in sc["subclasses"]) or
                                                    ("units" in sc and u["code"] in sc["units"]))]
            if any(u["geom"].distance(geom) <= 500 for u in scope_units):
                near.append(c["id"])
    rank = max([EFFECT_RANK[e] for _, e, _ in items], default=0)
    verdict = {3: "prohibited", 2: "restricted", 1: "needsAssessment", 0: "compliant"}[rank]
    shares = None
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        shares = [(u["code"], u["geom"].intersection(geom).area / geom.area * 100) for u in units]
    return dict(verdict=verdict, items=items, near=sorted(set(near) - {i for i, _, _ in items}),
                requirements=req, units=units, shares=shares, reds=reds, dist=dist,
                sens=sorted(set(sens_hit)), parks=[p for p in ds.parks if p["geom"].intersects(geom)])


# ----------------------------------------------------------------------------------------------
# 8. demo sites
# ----------------------------------------------------------------------------------------------

def walk_out(ds, seed, from_geom, target, band_classes, towards=None):
    """A point whose shortest distance to the banks of band_classes is `target` metres, found by
    walking out perpendicular from the point of `from_geom` nearest to `seed` (towards `seed`)."""
    B = np.array(shapely.ops.nearest_points(from_geom, Point(seed))[0].coords[0])
    u = np.array(seed) - B
    u /= np.linalg.norm(u)
    d = target
    band = ds.bank_union(band_classes)
    best = None
    for _ in range(40):
        p = B + u * d
        ll = to_ll(Point(p))
        pr = to_xy(ll)                        # the point as it will be written (7 decimals, ~1 cm grid)
        D = pr.distance(band)
        if best is None or abs(D - target) < best[0]:
            best = (abs(D - target), pr, ll)
        if abs(D - target) < 0.003:
            break
        d += target - D
    assert best[0] < 0.02, ("walk_out did not converge", target, best[0])
    return best[1], best[2]


def rect(c, w, h, rot=0.0):
    x, y = c
    a = math.radians(rot)
    pts = []
    for dx, dy in ((-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)):
        pts.append((x + dx * math.cos(a) - dy * math.sin(a), y + dx * math.sin(a) + dy * math.cos(a)))
    return Polygon(pts)


def find_point(pred, target, step=150.0, rings=200):
    """Deterministic spiral search around `target` (metres) for a point satisfying pred."""
    tx, ty = target
    for r in range(rings):
        cands = [(tx + i * step, ty + j * step) for i in range(-r, r + 1) for j in range(-r, r + 1)
                 if max(abs(i), abs(j)) == r]
        for c in cands:
            if pred(Point(c)):
                return c
    raise RuntimeError("no point found")


def build_sites(ds, G, Z, unit_by_key):
    S = []
    U = {u["code"]: u for u in ds.units}
    ucode = unit_by_key
    main = ds.bank_union(["mainStream"])
    imp = ds.bank_union(["importantTributary"])
    allcls = ["mainStream", "importantTributary", "tributary"]
    red = unary_union([r["geom"] for r in ds.redlines])
    m = G["main"]
    ii = main_index_at(G, -13.5)

    def unit_of(p):
        us = ds.units_touched(p)
        return us[0] if len(us) == 1 else None

    def add(id, name, geom_xy, industry, nature, desc, note, chemical=None, flags=None, ll=None, extra_not=()):
        prof = OrderedDict([("industry", industry), ("nature", nature)])
        if chemical is not None:
            prof["chemical"] = chemical
        if flags:
            prof["flags"] = flags
        g_ll = ll if ll is not None else to_ll(geom_xy)
        S.append(dict(id=id, name=name, prof=prof, desc=desc, note=note, ll=g_ll, xy=to_xy(g_ll), extra_not=list(extra_not)))

    def in_kind(p, cls=None, code=None, no_red=True):
        u = unit_of(p)
        if u is None:
            return False
        if cls is not None and u["cls"] != cls:
            return False
        if code is not None and u["code"] != code:
            return False
        if no_red and red.distance(p) < 150:
            return False
        return True

    chem = U[ucode["park:临港化工园区"]]["geom"]
    dz = U[ucode["park:沧澜经济开发区"]]["geom"]
    dz_east = max(parts(dz), key=lambda g: -g.centroid.y)          # the 城东片区 (southern piece)
    dz_north = max(parts(dz), key=lambda g: g.centroid.y)
    # (a)/(b): the same chemical plant 800 m and 1,200 m from the main-stream shoreline, on one perpendicular
    seed = np.array(chem.centroid.coords[0])
    pa, la = walk_out(ds, seed, main, 800.0, allcls)
    pb, lb = walk_out(ds, seed, main, 1200.0, allcls)
    add("S01", "沧澜化工新材料项目（距干流岸线800米方案）", pa, "C2614", "new",
        "新建有机化学原料（醋酸乙烯）生产装置，园区外临江地块比选方案",
        "(a) 同一化工项目距干流岸线800 m，落在1 km带内", ll=la)
    add("S02", "沧澜化工新材料项目（距干流岸线1200米方案）", pb, "C2614", "new",
        "新建有机化学原料（醋酸乙烯）生产装置，临港化工园区内地块比选方案",
        "(b) 同一项目移到1,200 m，位于临港化工园区内，不受1 km规则约束", ll=lb, extra_not=["CN-CJ-26-1"])
    # (c) data centre in the development zone
    c = np.array(dz_east.centroid.coords[0]) + np.array([-700.0, 0.0])
    pc, lc = walk_out(ds, c, main, 2600.0, allcls)
    add("S03", "云梦数据中心二期", pc, "I6450", "new", "新建大型数据中心，机架约八千个",
        "(c) 数据中心位于沧澜经济开发区单元，适用该园区单元条款", ll=lc)
    # (d) a parcel straddling the county-seat town unit and a general unit
    town = U[ucode["town:沧澜镇"]]["geom"]
    ring = town.exterior
    best = None
    for t in np.linspace(0, 1, 400, endpoint=False):
        q = ring.interpolate(t, normalized=True)
        par = rect(q.coords[0], 900, 700, 12)
        us = ds.units_touched(par)
        if len(us) != 2 or {u["cls"] for u in us} != {2, 3} or par.intersects(red):
            continue
        if any(z["geom"].intersects(par) for z in ds.sens["drinkingWater"]):
            continue
        sh = [u["geom"].intersection(par).area / par.area for u in us]
        if min(sh) < 0.3 or ds.dist(par, allcls) < 1500:
            continue
        best = par
        break
    add("S04", "沧澜镇豆制品加工厂", best, "C1392", "new", "新建豆制品加工厂，用地约63公顷（含配套仓储）",
        "(d) 地块跨城镇生活类单元与一般管控单元，两单元条款均适用")
    # (e) inside the red-line hole (云雾村 enclave)
    enc = U[ucode["enclave"]]["geom"]
    add("S05", "云雾村民宿改造", Point(enc.centroid.coords[0]), "H6130", "rebuild",
        "利用现有农房改建乡村民宿", "(e) 位于红线孔洞（云雾村）内，不触及任何红线", extra_not=["CN-HX-01"])
    # (f) band-edge pair, chemical new, in the development zone
    s2 = np.array(dz_east.centroid.coords[0]) + np.array([900.0, 0.0])
    p6, l6 = walk_out(ds, s2, main, 999.5, allcls)
    p7, l7 = walk_out(ds, s2, main, 1000.5, allcls)
    add("S06", "助剂项目（距岸线999.5米）", p6, "C2661", "new", "新建化学试剂和助剂项目",
        "(f) 距最近岸线999.5 m，在1 km带内（含边界）", ll=l6)
    add("S07", "助剂项目（距岸线1000.5米）", p7, "C2661", "new", "新建化学试剂和助剂项目",
        "(f) 距最近岸线1000.5 m，在1 km带外", ll=l7, extra_not=["CN-CJ-26-1"])
    # (g) a road crossing the southern red line
    a0 = P(1.5, -5.5)
    road = LineString([a0, P(2.2, -9.0), P(1.0, -13.0), P(2.5, -17.5)])
    add("S08", "沧澜至青峰山公路改建工程", road, "E4812", "new", "新建二级公路约十二公里，穿越南部山地",
        "(g) 线性基础设施穿越生态保护红线，属正面清单，需论证", flags=["linearInfrastructure"])
    # (h) tailings ponds
    sp = np.array(P(11.0, -6.0))
    pt, _ = walk_out(ds, sp, main, 2285.0, allcls)
    pond = rect(pt.coords[0], 450, 400, 20)
    add("S09", "青峰磷矿尾矿库", pond, "B1020", "new", "新建磷矿尾矿库，库容约三百万立方米",
        "(h) 尾矿库距干流岸线约2 km，在3 km带内", flags=["tailingsPond"])
    s10 = np.array(P(15.5, 9.0))
    p10, l10 = walk_out(ds, s10, imp, 2000.0, ["importantTributary"])
    add("S10", "澜江东岸石英砂尾矿库", p10, "B1099", "new", "新建石英砂矿尾矿库",
        "(h) 尾矿库距重要支流2 km、距干流逾3 km，不受两条尾矿库规则约束", ll=l10,
        flags=["tailingsPond"], extra_not=["CN-CJ-26-3", "CN-CJ-26-4"])
    # (i) drinking-water source zones
    pi = m["nb"][ii - 5] + m["nrm"][ii - 5] * 60
    add("S11", "城西砂石码头", Point(pi), "G5532", "new", "新建砂石集散码头及堆场",
        "(i) 位于饮用水水源一级保护区陆域")
    p12 = m["nb"][ii - 20] + m["nrm"][ii - 20] * 600
    add("S12", "城西食用油加工厂", Point(p12), "C1331", "new", "新建食用植物油加工厂",
        "位于饮用水水源二级保护区陆域（排放污染物的工业项目）")
    p13 = m["nb"][ii - 40] + m["nrm"][ii - 40] * 300
    add("S13", "白沙印染厂", Point(p13), "C1713", "new", "新建棉印染精加工厂",
        "位于饮用水水源准保护区（对水体污染严重的项目）")
    p29 = m["nb"][ii - 2] + m["nrm"][ii - 2] * 40
    add("S14", "城区水厂取水泵站改造", Point(p29), "D4610", "rebuild", "现有取水泵站改建，提升供水保障能力",
        "一级保护区内的供水设施改建：由 excludeIndustries 排除", extra_not=["CN-SY-65"])
    # new industrial park within 5 km of the important tributary
    s15 = np.array(P(5.0, 6.5))
    c15 = find_point(lambda p: (rect(p.coords[0], 1500, 1000).distance(red) > 300 and
                                len(ds.units_touched(rect(p.coords[0], 1500, 1000))) == 1 and
                                unit_of(p) is not None and unit_of(p)["cls"] == 3 and
                                ds.dist(rect(p.coords[0], 1500, 1000), allcls) > 1500),
                     tuple(s15), step=250)
    add("S15", "澜江西岸新材料产业园（拟设）", rect(c15, 1500, 1000, 8), "C", "new",
        "拟新设省级产业园区，规划面积约一百五十公顷", "拟新设工业园区，距干流或重要支流5 km以内",
        flags=["industrialPark"])
    # livestock 3 km from the main stream
    s16 = np.array(bank_point(G, -20.0, "S", 3.0))
    p16, l16 = walk_out(ds, s16, main, 3000.0, ["mainStream"])
    add("S16", "清溪生猪养殖场", p16, "A0313", "new", "新建生猪规模养殖场，年出栏三万头",
        "畜禽养殖场距干流3 km，在5 km限制带内", ll=l16)
    # class-1 ecological space outside red lines
    def eco_free(p):
        u = unit_of(p)
        return u is not None and u["cls"] == 1 and "生态" in u["name"] and red.distance(p) > 200 and \
            ds.dist(p, allcls) > 1200
    c17 = find_point(eco_free, P(-22.0, 17.0))
    add("S17", "西北丘陵石灰石矿", Point(c17), "B1011", "new", "新建石灰石露天矿，年开采五十万吨",
        "优先保护单元（一般生态空间）内新建矿山")
    c18 = find_point(eco_free, P(17.0, 11.5))
    add("S18", "澜江上游木材加工厂", Point(c18), "C2011", "new", "新建锯材加工厂",
        "优先保护单元（一般生态空间）内新建工业项目")
    # (j) plainly compliant
    def plain(p):
        u = unit_of(p)
        return (u is not None and u["cls"] == 3 and red.distance(p) > 1000 and ds.dist(p, ["mainStream", "importantTributary"]) > 5500
                and ds.dist(p, ["tributary"]) > 1500 and all(z["geom"].distance(p) > 2000 for z in ds.sens["drinkingWater"]))
    c19 = find_point(plain, P(-3.0, 16.0))
    add("S19", "青石粮食储备库", Point(c19), "G5951", "new", "新建粮食储备库，仓容五万吨",
        "(j) 一般管控单元内的普通仓储项目，无禁止或限制条款")
    # resort inside the north-west red line; restoration inside the southern red line
    hx2 = [r for r in ds.redlines if r["code"] == "HX429099002"][0]["geom"]
    c20 = find_point(lambda p: hx2.buffer(-100).contains(rect(p.coords[0], 600, 500)), hx2.centroid.coords[0])
    add("S20", "西北丘陵康养度假村", rect(c20, 600, 500, -10), "H6110", "new", "新建康养度假酒店及配套设施",
        "度假村位于生态保护红线内，非正面清单")
    hx1 = [r for r in ds.redlines if r["code"] == "HX429099001"][0]["geom"]
    c21 = find_point(lambda p: hx1.buffer(-200).contains(rect(p.coords[0], 1200, 1000)), P(-5.0, -16.0))
    add("S21", "南部山地废弃矿山生态修复工程", rect(c21, 1200, 1000, 5), "E4863", "new",
        "废弃采石场复绿和水土流失治理", "生态修复项目位于红线内，属正面清单",
        flags=["ecologicalRestoration"])
    # chemical flag override, and the 1 km band on tributaries
    qx = ds.bank_union(["tributary"])
    qxi = unary_union([b["geom"] for b in ds.banks if b["name"] == "清溪河"])
    bsh = unary_union([b["geom"] for b in ds.banks if b["name"] == "白沙河"])
    s22 = find_point(lambda p: in_kind(p, cls=3) and 450 < p.distance(qxi) < 800 and ds.dist(p, ["mainStream"]) > 1500,
                     P(-8.5, -6.0))
    p22, l22 = walk_out(ds, np.array(s22), qxi, 600.0, allcls)
    add("S22", "清溪日用塑料制品厂", p22, "C2927", "new", "新建日用塑料制品厂，外购粒料注塑成型，不涉及化学反应",
        "C29属化工门类，但项目情况声明非化工（chemical: false），1 km规则不适用", ll=l22, chemical=False,
        extra_not=["CN-CJ-26-1", "K3-KJ-01"])
    s23 = find_point(lambda p: in_kind(p, cls=3) and 500 < p.distance(bsh) < 900 and ds.dist(p, ["mainStream"]) > 1500,
                     P(-23.0, 8.0))
    p23, l23 = walk_out(ds, np.array(s23), bsh, 700.0, allcls)
    add("S23", "白沙涂料厂扩建", p23, "C2641", "expansion", "现有涂料厂扩建水性涂料生产线",
        "化工扩建，距支流白沙河700 m，在1 km带内", ll=l23)
    s24 = find_point(lambda p: in_kind(p, cls=3) and 600 < p.distance(imp) < 1000 and ds.dist(p, ["mainStream"]) > 3500,
                     P(12.0, 7.0))
    p24, l24 = walk_out(ds, np.array(s24), imp, 800.0, ["importantTributary"])
    add("S24", "澜江沿岸铅锌矿尾矿库", p24, "B0912", "new", "新建铅锌矿尾矿库",
        "尾矿库距重要支流澜江800 m，在1 km带内", ll=l24, flags=["tailingsPond"])
    # electroplating in the development zone's northern piece
    add("S25", "开发区北片区电镀中心外独立电镀厂", Point(dz_north.representative_point().coords[0]), "C3360", "new",
        "新建独立电镀生产线", "开发区单元限制独立电镀（单元条款）")
    # a wharf in the river inside the aquatic red line
    hx4 = [r for r in ds.redlines if r["code"] == "HX429099004"][0]["geom"]
    add("S26", "下游货运码头", Point(hx4.representative_point().coords[0]), "G5532", "new",
        "新建件杂货码头及栈桥", "码头位于长江水生生物多样性维护红线内")
    # a parcel straddling the chemical park's northern edge
    ring = chem.exterior
    best = None
    cands = sorted(np.linspace(0, 1, 300, endpoint=False),
                   key=lambda t: -ring.interpolate(t, normalized=True).distance(main))
    for t in cands:
        q = ring.interpolate(t, normalized=True)
        par = rect(q.coords[0], 1100, 1100, -35)
        us = ds.units_touched(par)
        if len(us) == 2 and not par.intersects(red):
            sh = [u["geom"].intersection(par).area / par.area for u in us]
            if min(sh) > 0.3:
                best = par
                break
    add("S27", "临港化工园区北扩树脂项目", best, "C2651", "new", "新建合成树脂装置，用地跨园区北边界",
        "地块一部分在化工园区外的一般管控单元内，园区外化工禁止条款适用")
    # annotated free-text clauses of the parks and of the county seat
    p28, l28 = walk_out(ds, np.array(chem.centroid.coords[0]) + np.array([900.0, 400.0]), main, 2600.0, allcls)
    add("S28", "临港农药原药项目", p28, "C2631", "new", "新建化学农药原药生产装置，含硝化工序",
        "化工园区单元文本清单第（2）条（已标注）禁止农药原药；含重点监管危险化工工艺", ll=l28,
        flags=["hazardousProcess"])
    bp = U[ucode["park:青峰建材产业园"]]["geom"]
    add("S29", "青峰纸业机制纸项目", Point(bp.representative_point().coords[0]), "C2221", "new",
        "新建机制纸及纸板生产线", "建材产业园单元文本清单①（已标注）禁止新建重化工、纺织、造纸等工业项目")
    c30 = find_point(lambda p: in_kind(p, code=ucode["town:沧澜镇"]) and ds.dist(p, allcls) > 1300 and
                     U[ucode["town:沧澜镇"]]["geom"].exterior.distance(p) > 300, town.centroid.coords[0])
    add("S30", "县城涂料仓储调配站", Point(c30), "C2641", "new", "在县城建成区新建涂料调配车间",
        "城镇生活类单元禁止化工（细类条款与县城单元文本清单第1条标注）")
    # parks (national rule: 负面清单指南第九条, 合规园区外禁止高污染项目)
    c31 = find_point(lambda p: in_kind(p, cls=3) and ds.dist(p, allcls) > 3500 and
                     min(pk["geom"].distance(p) for pk in ds.parks) > 2000 and
                     all(z["geom"].distance(p) > 2000 for z in ds.sens["drinkingWater"]), P(20.0, 8.0))
    add("S31", "桃源特钢项目", Point(c31), "C3120", "new", "新建电炉炼钢及轧钢生产线",
        "钢铁项目不在任何合规园区内：负面清单指南第九条禁止")
    add("S32", "青峰水泥熟料生产线", Point(bp.representative_point().coords[0]) , "C3011", "new",
        "新建水泥熟料生产线，位于青峰建材产业园（未列入合规园区名单）",
        "建材项目位于园区内，但该园区不在合规园区名单上：仍属合规园区外")
    add("S33", "沧澜软件园（与S01同址）", pa, "I6513", "new", "在 S01 的比选地块新建应用软件开发中心",
        "与化工项目同址（距干流岸线800 m），软件开发不受化工、园区外高污染项目规则约束", ll=la,
        extra_not=["CN-CJ-26-1", "CN-FMQD-09"])
    s34 = np.array(chem.centroid.coords[0]) + np.array([-400.0, 300.0])
    p34, l34 = walk_out(ds, s34, main, 2400.0, allcls)
    add("S34", "临港化工园区钢材深加工项目", p34, "C3130", "new", "在临港化工园区内新建钢压延加工（冷轧）生产线",
        "钢铁项目位于合规（认定）化工园区内：不属合规园区外", ll=l34, extra_not=["CN-FMQD-09"])
    return S


# ----------------------------------------------------------------------------------------------
# 9. main: write, read back, check, evaluate, report
# ----------------------------------------------------------------------------------------------

def load_catalogue(path):
    with open(path, encoding="utf-8") as f:
        return {r["code"]: r for r in csv.DictReader(f)}


def codes_in(obj):
    out = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k in ("industries", "excludeIndustries", "chemicalIndustries"):
                out += v
            else:
                out += codes_in(v)
    elif isinstance(obj, list):
        for v in obj:
            out += codes_in(v)
    return out


def fmt_units(ev, geom):
    if ev["shares"] is not None:
        return ";".join(f"{c}:{s:.1f}" for c, s in ev["shares"])
    return ";".join(u["code"] for u in ev["units"])


def main():
    say = print
    G = build_geography()
    Z = build_zones(G)
    comps, seeds, faces, county_noded = build_units(G, Z)
    units = assign_units(G, Z, comps)
    key_code = {}
    for u in units:
        k = u["key"]
        if u["kind"] in ("park", "town"):
            key_code[f"{u['kind']}:{k[1]}"] = u["code"]
        elif u["kind"] in ("ws", "enclave"):
            key_code[u["kind"]] = u["code"]

    # --- write layers, lists, rules, manifest, catalogue ----------------------------------------
    for sub in ("layers", "lists"):
        d = os.path.join(OUT, sub)
        if os.path.isdir(d):
            shutil.rmtree(d)
    write_layers(G, Z, units)
    county_ll = to_ll(county_noded)
    write_fc(os.path.join(OUT, "layers", "county.geojson"), "county",
             [(OrderedDict([("XZQDM", COUNTY_CODE), ("XZQMC", "沧澜县（虚构）")]), county_ll)])
    hdr = "沧澜县（虚构）三线一单示例数据集 — 虚构数据，仅供测试和演示。由 generator/make_demo.py 生成，请勿手工修改。"
    pc, cc, kc, uc = province_clauses(), city_clauses(), class_clauses(), unit_clauses(key_code)
    write_yaml(os.path.join(OUT, "lists", "province.yaml"), OrderedDict([("clauses", pc)]), hdr + "\n省级总体准入要求（江汉省，虚构）")
    write_yaml(os.path.join(OUT, "lists", "city.yaml"), OrderedDict([("clauses", cc)]), hdr + "\n市级总体准入要求（云梦市，虚构）")
    write_yaml(os.path.join(OUT, "lists", "classes.yaml"), OrderedDict([("clauses", kc)]), hdr + "\n按单元类别和细类的准入要求")
    write_yaml(os.path.join(OUT, "lists", "units.yaml"), OrderedDict([("clauses", uc)]), hdr + "\n单元级结构化条款（园区等）")
    ann = annotations(key_code, unit_items(os.path.join(OUT, "layers", "units.geojson")))
    write_yaml(os.path.join(OUT, "lists", "unit-annotations.yaml"), OrderedDict([("annotations", ann)]),
               hdr + "\n单元属性表中文本清单条目的标注（行业、性质、效力）")
    rules = rules_doc()
    write_yaml(os.path.join(OUT, "rules.yaml"), rules, hdr)
    write_yaml(os.path.join(OUT, "dataset.yaml"), manifest(), hdr)
    stale = os.path.join(OUT, "gbt4754-2017.csv")        # the catalogue is built in now
    if os.path.exists(stale):
        os.remove(stale)
    cat = load_catalogue(CATALOGUE_SRC)

    # --- checks on the written files ----------------------------------------------------------------
    ds = Dataset()
    structured = pc + cc + kc + uc
    ids = [c["id"] for c in structured] + [c["id"] for c in ds.text_clauses]
    assert len(ids) == len(set(ids)), "duplicate clause ids"
    for a in ann:
        assert a["clause"] in {c["id"] for c in ds.text_clauses}, a["clause"]
    unread = {c["text"] for c in ds.text_clauses if "review" in c}
    assert not unread, unread
    used = set(codes_in(structured) + codes_in(ann) + codes_in(rules) + codes_in(ds.rules))
    missing = sorted(c for c in used if c not in cat and c != "chemical")
    assert not missing, f"industry codes not in the catalogue: {missing}"
    srcs = {s["id"] for s in SOURCES}
    for c in structured:
        assert c["source"]["document"] in srcs
    for sec in RULE_SECTIONS:
        for r in rules.get(sec, []):
            assert r["source"]["document"] in srcs
    U_rt = read_fc(os.path.join(OUT, "layers", "units.geojson"))
    tiling = check_tiling(U_rt, county_ll)
    assert tiling["symdiff_area"] < 1.0 and tiling["max_overlap"] < 0.01 and tiling["nonshared_vertices"] == 0, tiling
    construction_diff = county_noded.symmetric_difference(G["county"]).area
    # shorelines: valid, simple, never crossing or overlapping each other
    bank_ok = True
    for i, a in enumerate(ds.banks):
        assert a["geom"].is_simple, a["name"]
        for b in ds.banks[i + 1:]:
            if a["geom"].crosses(b["geom"]) or a["geom"].intersection(b["geom"]).length > 0:
                bank_ok = False
    assert bank_ok
    county_xy = to_xy(county_ll)
    county_area = county_xy.area
    water_area = to_xy(to_ll(G["water"])).area
    rl_union = unary_union([r["geom"] for r in ds.redlines])
    rl_area = rl_union.area
    class_area = defaultdict(float)
    class_count = defaultdict(int)
    for u in ds.units:
        class_area[u["cls"]] += u["geom"].area
        class_count[u["cls"]] += 1
    c1 = unary_union([u["geom"] for u in ds.units if u["cls"] == 1])
    rl_in_c1 = rl_union.intersection(c1).area / rl_area * 100
    holes = []
    for r in ds.redlines:
        for p in parts(r["geom"]):
            for h in p.interiors:
                hp = Polygon(h)
                mrr = hp.minimum_rotated_rectangle
                xs = np.array(mrr.exterior.coords)
                sides = sorted({round(float(np.linalg.norm(xs[k + 1] - xs[k])), 0) for k in range(4)})
                holes.append((r["code"], hp.area / 1e6, sides))
    # parks versus the 1 km band
    park_facts = []
    allb = ds.bank_union(["mainStream", "importantTributary", "tributary"])
    for k in ("park:沧澜经济开发区", "park:临港化工园区", "park:青峰建材产业园"):
        g = [u for u in ds.units if u["code"] == key_code[k]][0]["geom"]
        inband = g.intersection(allb.buffer(1000, quad_segs=32)).area / 1e6
        park_facts.append((k.split(":")[1], key_code[k], g.area / 1e6, g.distance(allb), inband))

    # --- sites, evaluation, expected answers ------------------------------------------------------
    sites = build_sites(ds, G, Z, key_code)
    feats = []
    for s in sites:
        assert s["prof"]["industry"] in cat, s["prof"]["industry"]
        props = OrderedDict([("id", s["id"]), ("name", s["name"])])
        props.update(s["prof"])
        props["description"] = s["desc"]
        feats.append((props, s["ll"]))
    write_fc(os.path.join(OUT, "sites.geojson"), "sites", feats)
    # read the sites back as written
    rt = read_fc(os.path.join(OUT, "sites.geojson"))
    rows, results = [], []
    for s, (props, ll, xy) in zip(sites, rt):
        prof = {k: props[k] for k in ("industry", "nature", "chemical", "flags") if k in props}
        ev = evaluate(ds, xy, prof)
        results.append((s, props, xy, ev))
        must = sorted({i for i, _, _ in ev["items"]}, key=ids_order(ds.rules, structured))
        must_not = sorted(set(ev["near"]) | set(s["extra_not"]), key=ids_order(ds.rules, structured))
        assert not (set(must) & set(must_not)), (s["id"], must, must_not)
        how = s["note"] + "；" + ("；".join(f"{i} {EFFECT_ZH[e]}（{w}）" for i, e, w in ev["items"])
                                  if ev["items"] else "无禁止、限制或需论证条款，仅适用要求类条款")
        rows.append(OrderedDict([
            ("site", s["id"]), ("verdict", ev["verdict"]), ("mustCite", ";".join(must)),
            ("mustNotCite", ";".join(must_not)), ("redLines", ";".join(r["code"] for r in ev["reds"])),
            ("units", fmt_units(ev, xy)), ("mainStreamDistanceM", f"{ev['dist']['mainStream']:.1f}"),
            ("tributaryDistanceM", f"{min(ev['dist']['importantTributary'], ev['dist']['tributary']):.1f}"),
            ("how", how)]))
    with open(os.path.join(OUT, "expected.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)

    # coverage of verdicts and rule ids
    verdicts = {r["verdict"] for r in rows}
    # every rule of the demo's own, and the national rules its layers and sites can show, is cited somewhere
    rule_ids = [r["id"] for sec in RULE_SECTIONS for r in rules.get(sec, [])] + NATIONAL_SHOWN
    cited = {i for r in rows for i in r["mustCite"].split(";") if i}
    assert verdicts == {"prohibited", "restricted", "needsAssessment", "compliant"}, verdicts
    assert set(rule_ids) <= cited, set(rule_ids) - cited
    kinds = defaultdict(int)
    for s in sites:
        kinds[s["xy"].geom_type] += 1

    # --- figures -----------------------------------------------------------------------------------
    F = OrderedDict()
    F["county_km2"] = county_area / 1e6
    bx = county_ll.bounds
    F["bbox"] = bx
    F["units"] = len(ds.units)
    F["class_count"] = dict(class_count)
    F["class_km2"] = {k: v / 1e6 for k, v in class_area.items()}
    F["tiling"] = tiling
    F["construction_diff"] = construction_diff
    F["red_km2"] = rl_area / 1e6
    F["red_pct"] = rl_area / county_area * 100
    F["red_pct_land"] = rl_union.difference(to_xy(to_ll(G["water"]))).area / (county_area - water_area) * 100
    F["red_in_c1"] = rl_in_c1
    F["holes"] = holes
    F["water_km2"] = water_area / 1e6
    rivers = OrderedDict()
    for b in ds.banks:
        rivers.setdefault((b["name"], b["cls"]), []).append(b["geom"].length / 1000)
    F["rivers"] = rivers
    F["parks"] = park_facts
    lv = defaultdict(lambda: defaultdict(int))
    for c in structured:
        lv[c["level"]][c["dimension"]] += 1
    F["clauses"] = lv
    F["n_structured"] = len(structured)
    F["n_text"] = len(ds.text_clauses)
    F["n_annot"] = len(ann)
    F["effects"] = defaultdict(int)
    for c in structured:
        F["effects"][c["effect"]] += 1
    F["site_kinds"] = dict(kinds)
    F["sizes"] = {os.path.relpath(os.path.join(dp, fn), OUT): os.path.getsize(os.path.join(dp, fn))
                  for dp, _, fns in os.walk(OUT) for fn in fns if "generator" not in dp and fn != "README.md"}
    write_readme(F, results, rows, key_code, ds)
    report(F, rows, say)


NATIONAL_SHOWN = ["CN-HX-01", "CN-CJ-26-1", "CN-CJ-26-3", "CN-CJ-26-4", "CN-SY-65", "CN-SY-66-1", "CN-SY-67", "CN-FMQD-09",
                  "CN-FMQD-11-2"]


def ids_order(rules, structured):
    order = [r["id"] for sec in RULE_SECTIONS for r in rules.get(sec, [])] + [c["id"] for c in structured]
    pos = {k: i for i, k in enumerate(order)}
    return lambda i: (pos.get(i, 10 ** 6), i)


DIM_ZH = OrderedDict([("spatialLayout", "空间布局约束"), ("pollutantDischarge", "污染物排放管控"),
                      ("environmentalRisk", "环境风险防控"), ("resourceEfficiency", "资源开发效率要求")])
CLASS_ZH = {1: "优先保护", 2: "重点管控", 3: "一般管控"}
RIVER_ZH = {"mainStream": "干流", "importantTributary": "重要支流", "tributary": "支流"}


def figure_lines(F):
    t = F["tiling"]
    L = []
    L.append(f"县域面积（EPSG:4546 平面）: {F['county_km2']:.2f} km²；范围 E{F['bbox'][0]:.4f}–{F['bbox'][2]:.4f}，"
             f"N{F['bbox'][1]:.4f}–{F['bbox'][3]:.4f}；长江干流水面 {F['water_km2']:.2f} km²")
    L.append(f"环境管控单元: {F['units']} 个 — " + "，".join(
        f"{CLASS_ZH[k]}（{k}）{F['class_count'][k]} 个 {F['class_km2'][k]:.1f} km²" for k in sorted(F["class_count"])))
    L.append(f"拼接检查（写出并四舍五入到 7 位小数后重读，EPSG:4546）: 单元并集与县界对称差 {t['symdiff_area']:.6f} m²；"
             f"单元面积之和 − 县域面积 = {t['sum_area'] - t['county_area']:.6f} m²；"
             f"两两相交最大面积 {t['max_overlap']:.6f} m²、合计 {t['total_overlap']:.6f} m²（检查了 {t['pairs_checked']} 对外包框相交的单元，"
             f"其中 {t['adjacent_pairs']} 对相邻）；相邻单元公共边界上不共享的顶点 {t['nonshared_vertices']} 个；并集类型 {t['union_type']}")
    L.append(f"县界（带全部结点）与构造时县界轮廓的对称差（取整前）: {F['construction_diff']:.3e} m²")
    L.append(f"生态保护红线: {F['red_km2']:.2f} km²，占县域 {F['red_pct']:.2f} %（占陆域 {F['red_pct_land']:.2f} %）；"
             f"{F['red_in_c1']:.1f} % 的红线面积位于优先保护单元内")
    for code, a, sides in F["holes"]:
        L.append(f"红线孔洞: {code} 孔洞 {a:.2f} km²，最小外接矩形边长 {sides[0]:.0f} m × {sides[-1]:.0f} m")
    for (name, cls), ls in F["rivers"].items():
        L.append(f"岸线: {name}（{RIVER_ZH[cls]}）两岸临水线长度 " + " / ".join(f"{x:.2f}" for x in ls) + " km")
    for name, code, a, d, inb in F["parks"]:
        L.append(f"园区: {name} {code} {a:.2f} km²，距最近岸线 {d:.1f} m，1 km 带内面积 {inb:.2f} km²")
    return L


def report(F, rows, say):
    say("沧澜县（虚构）示例数据集已生成: " + OUT)
    for l in figure_lines(F):
        say("  " + l)
    say(f"  结构化条款 {F['n_structured']} 条（" + "，".join(f"{k} {v}" for k, v in F["effects"].items()) +
        f"）；单元属性文本条款 {F['n_text']} 条，其中标注 {F['n_annot']} 条")
    for lvl in ("province", "city", "class", "unit"):
        say(f"    {lvl}: " + "，".join(f"{DIM_ZH[d]} {F['clauses'][lvl].get(d, 0)}" for d in DIM_ZH))
    say(f"  示例项目 {len(rows)} 个 {F['site_kinds']}")
    for r in rows:
        say(f"    {r['site']} {r['verdict']:<16} cite={r['mustCite']}  not={r['mustNotCite']}  "
            f"干流 {r['mainStreamDistanceM']} m 支流 {r['tributaryDistanceM']} m  units={r['units']}")
    say("  文件大小: " + "，".join(f"{k} {v / 1024:.0f} KB" for k, v in sorted(F["sizes"].items())))
    say(f"  合计 {sum(F['sizes'].values()) / 1024 / 1024:.2f} MB")


def write_readme(F, results, rows, key_code, ds):
    L = []
    L.append("# 沧澜县（虚构）三线一单示例数据集 / fictional demo dataset")
    L.append("")
    L.append("> **本数据集完全虚构。** 沧澜县、云梦市、江汉省，以及其中的单元、红线、园区、水源地、条款编号和地方文件都是")
    L.append("> 编造的，仅用于 ZoneScreen 的测试与演示，不代表任何真实地区的管控要求。国家层面的法律和文件（长江保护法、")
    L.append("> 水污染防治法、长江经济带发展负面清单指南、三条控制线指导意见、生态保护红线管理通知）是真实文件，")
    L.append("> 相关规则按其要点改写；地方文件（标有“虚构”）均为虚构。")
    L.append("")
    L.append("This folder is a complete ZoneScreen dataset (format: `docs/dataset-format.md`) for an invented county")
    L.append("on the Yangtze, regionCode 429099, roughly 111.24–111.87 E, 30.32–30.73 N. Every geometry, unit, list and")
    L.append("local document is fictional; national laws are real and cited by their common article numbers.")
    L.append("")
    L.append("## 重新生成 / Regenerate")
    L.append("")
    L.append("```sh")
    L.append("python3 Fixtures/demo/generator/make_demo.py     # python3, numpy, shapely>=2, pyproj, PyYAML")
    L.append("```")
    L.append("")
    L.append("The script is deterministic (fixed seeds) and rewrites every file here except `generator/`. It builds the")
    L.append("geography in EPSG:4546 metres, writes the layers in EPSG:4490 rounded to 7 decimals, reads them back,")
    L.append("checks them, places the demo sites, and computes `expected.csv` with its own shapely/pyproj evaluation of")
    L.append("the rules (independent of the Swift code). It stops with an assertion if a check fails.")
    L.append("")
    L.append("## 文件 / Files")
    L.append("")
    L.append("| 文件 | 内容 |")
    L.append("|---|---|")
    desc = {
        "dataset.yaml": "清单文件（manifest），`fictional: true`",
        "layers/units.geojson": "环境管控单元（HJGKDYBM、HJGKDYMC、ZHGKDYFL、DYXL、COUNTY 及四个维度的文本清单 KJBJYS、PWWPFGK、HJFXFK、ZYKFXLYQ）",
        "layers/redlines.geojson": "生态保护红线（HXBM、HXMC、HXLX）",
        "layers/shorelines.geojson": "临水线：每条河两岸各一条线（HLMC、HLDJ，另有不映射的 AB 左岸/右岸）",
        "layers/water-sources.geojson": "饮用水水源保护区（BHQBM、BHQMC、BHJB：一级/二级/准保护区）",
        "layers/county.geojson": "县界（不在清单中引用；仅供拼接检查和测试使用）",
        "lists/province.yaml": "省级总体准入要求", "lists/city.yaml": "市级总体准入要求",
        "lists/classes.yaml": "按类别（1/2/3）及细类（产业集聚类/城镇生活类）的准入要求",
        "lists/units.yaml": "单元级结构化条款（园区、水源保护区单元、县城）",
        "lists/unit-annotations.yaml": "单元文本清单条目的标注表",
        "rules.yaml": "红线、单元类别、岸线距离带、敏感区规则",
        "gbt4754-2017.csv": "GB/T 4754-2017 行业分类（原样复制）",
        "sites.geojson": "示例项目（点、线、面）及项目情况",
        "expected.csv": "预期结论（脚本独立计算，逐行人工核对）",
        "README.md": "本说明",
    }
    L.append("| `README.md` | 本说明 |")
    L.append("| `generator/make_demo.py` | 生成脚本 |")
    for k in sorted(F["sizes"]):
        L.append(f"| `{k}` | {desc.get(k, '')}（{F['sizes'][k] / 1024:.0f} KB） |")
    L.append("")
    L.append(f"Total size {sum(F['sizes'].values()) / 1024 / 1024:.2f} MB.")
    L.append("")
    L.append("## 数字 / Figures (all areas and distances: projected, EPSG:4546)")
    L.append("")
    for l in figure_lines(F):
        L.append("- " + l)
    L.append("")
    L.append("### 单元 / Units")
    L.append("")
    L.append("| 编码 | 名称 | 类别 | 细类 | 面积 km² |")
    L.append("|---|---|---|---|---|")
    for u in ds.units:
        L.append(f"| {u['code']} | {u['name']} | {u['cls']} | {u['sub']} | {u['geom'].area / 1e6:.2f} |")
    L.append("")
    L.append("### 红线 / Red lines")
    L.append("")
    L.append("| 编码 | 名称 | 类型 | 几何 | 面积 km² |")
    L.append("|---|---|---|---|---|")
    for r in ds.redlines:
        nh = sum(len(p.interiors) for p in parts(r["geom"]))
        L.append(f"| {r['code']} | {r['name']} | {r['type']} | {r['geom'].geom_type}（{len(parts(r['geom']))} 块，{nh} 个孔） | {r['geom'].area / 1e6:.2f} |")
    L.append("")
    L.append("### 条款 / Clauses")
    L.append("")
    L.append(f"{F['n_structured']} structured clauses in the clause files (effects: " +
             ", ".join(f"{k} {v}" for k, v in F["effects"].items()) + f"), plus {F['n_text']} clauses split from the")
    L.append(f"units' free-text lists, {F['n_annot']} of them annotated in `lists/unit-annotations.yaml`.")
    L.append("")
    L.append("| 层级 | " + " | ".join(DIM_ZH.values()) + " | 合计 |")
    L.append("|---|---|---|---|---|---|")
    for lvl in ("province", "city", "class", "unit"):
        v = [F["clauses"][lvl].get(d, 0) for d in DIM_ZH]
        L.append(f"| {lvl} | " + " | ".join(str(x) for x in v) + f" | {sum(v)} |")
    L.append("")
    L.append("Industry codes used in clauses, annotations, rules and sites were all checked against `gbt4754-2017.csv`.")
    L.append("")
    L.append("## 示例项目与预期结论 / Sites and expected answers")
    L.append("")
    L.append("`expected.csv` columns: `site, verdict, mustCite, mustNotCite, redLines, units, mainStreamDistanceM,")
    L.append("tributaryDistanceM, how`. How it was computed:")
    L.append("")
    L.append("- A rule or clause *applies* when the site touches its scope (red line, unit class / subclass / unit,")
    L.append("  band: shortest distance ≤ band distance, inclusive; sensitive zone of a listed level) and every condition")
    L.append("  holds for the profile (industries cover descendants; excludeIndustries; natures; `chemical: true` needs a")
    L.append("  chemical project — the profile's `chemical` if given, else an industry under `chemicalIndustries`; all")
    L.append("  flags set). The red-line rule takes the effect of the first positive-list entry whose flag the profile has.")
    L.append("- verdict = the most severe effect among applying rules and clauses (prohibited > restricted >")
    L.append("  needsAssessment > compliant); `requirement` clauses never change it.")
    L.append("- **mustCite** = every applying rule or clause whose effect is not `requirement` (structured clauses,")
    L.append("  annotated unit text clauses, rules). Requirement clauses are not listed.")
    L.append("- **mustNotCite** = near misses: rules or clauses whose profile conditions hold but whose scope the site")
    L.append("  does not touch (bands within 3× their distance, red lines within 1 km, water-source zones within 2 km,")
    L.append("  scoped clauses within 500 m, unit-class rules always), plus hand-picked ones (e.g. CN-CJ-26-1 for S02/S07).")
    L.append("- units: codes touched; for polygons `code:share%` (overlap area / parcel area, EPSG:4546).")
    L.append("- distances: shortest distance from the site geometry to the nearest 干流 bank / nearest 重要支流 or 支流 bank.")
    L.append("")
    L.append("| 项目 | 名称 | 几何 | 行业 | 性质 | 结论 | 必须引用 |")
    L.append("|---|---|---|---|---|---|---|")
    for (s, props, xy, ev), r in zip(results, rows):
        L.append(f"| {s['id']} | {s['name']} | {xy.geom_type} | {props['industry']} | {props['nature']} | {r['verdict']} | {r['mustCite'].replace(';', ', ')} |")
    L.append("")
    L.append("## 构造方法 / How the geography was made")
    L.append("")
    L.append("- County outline: a smooth random star-shaped curve (~60 × 43 km). Main stream: a meandering centreline")
    L.append("  flowing west→east, banks offset 410–590 m each side (width 820–1180 m). Tributaries: 澜江 (重要支流,")
    L.append("  150–200 m wide, from the north), 白沙河 (支流, north), 清溪河 and 桃花溪 (支流, south); each bank ends on")
    L.append("  the main-stream bank. Baseline = 临水线 (waterline).")
    L.append("- Units: one noded line network (county boundary, main-stream banks, meandering Voronoi edges, outlines of")
    L.append("  ecological space, towns, parks, the water-source zone and the 云雾村 enclave) is polygonized; faces are")
    L.append("  classed (water-source zone, river water, park, town, enclave, ecological space, general), grouped by")
    L.append("  Voronoi cell, and groups under 4 km² merged into the neighbour sharing the longest boundary. Neighbouring")
    L.append("  units therefore share identical vertex sequences.")
    L.append("- 沧澜经济开发区 (two pieces, MultiPolygon) lies 450 m – 3.6 km from the main-stream bank: it straddles the")
    L.append("  1 km band. 临港化工园区 lies 1,150 m – 3.9 km away: deliberately outside the 1 km band.")
    L.append("- Drinking-water source on the main stream (intake on the north bank, upstream of the county seat):")
    L.append("  一级 = water 1,000 m upstream to 100 m downstream plus a 100 m land strip; 二级 = further 2,000 m upstream and")
    L.append("  200 m downstream plus a 1,000 m land strip; 准保护区 = a further 2,000 m upstream plus a 500 m land strip.")
    L.append("- Article numbers: 长江保护法 第二十六条 (1 km chemical, 3 km / 1 km tailings ponds), 水污染防治法 第六十五至")
    L.append("  六十七条 (一级/二级/准保护区), 三条控制线指导意见 二（四）. Items of the 2022 negative-list guide are cited")
    L.append("  by topic, not by number (numbers not verified). Local documents and their articles are invented.")
    L.append("")
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(L))


if __name__ == "__main__":
    main()
