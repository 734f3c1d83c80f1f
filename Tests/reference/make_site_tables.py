#!/usr/bin/env python3
"""Site-input fixtures "as Chinese planners have them" (Fixtures/sites/) with independently computed geometry.

Exact command (run from the repository root /work/main):

    /work/main/.venv-ref/bin/python Tests/reference/make_site_tables.py

(the venv has shapely, pyproj and openpyxl). Writes every file under Fixtures/sites/: the input tables
(CSV in UTF-8 with BOM / UTF-8 / GBK, CRLF and LF), an .xlsx, a GeoJSON, three 勘测定界 .txt files,
plus Fixtures/sites/expected.csv and Fixtures/sites/README.md.

Method. Every coordinate is written below by hand as plain Gauss-Krüger easting/northing (metres,
3 decimals) around Yichang, Hubei (111.3-111.6°E, 30.4-30.8°N), CGCS2000 3-degree zone 37 (central
meridian 111°E). Files with zone-prefixed eastings (37 5xx xxx.xxx) are EPSG:4525, files with plain
6-digit eastings EPSG:4546. Surveying convention: X = 北坐标 (northing), Y = 东坐标 (easting).
Expected results are computed here, never by ZoneScreen (nothing from it is imported):
  * wktLonLat: pyproj Transformer.from_crs(<source EPSG>, 4490, always_xy=True) on the written
    easting/northing (9 decimals, lon first; rings closed in the WKT, orientation as in the file).
    Seven-parameter file: source CRS = the +towgs84 PROJ string SEVEN_PARAM_CRS below (Xian 1980
    ellipsoid a=6378140 rf=298.257, position-vector Helmert like PROJ's +towgs84). NOT to EPSG:4490
    directly: PROJ 9 then drops the +towgs84 and uses a "Ballpark geographic offset from unknown to
    CGCS2000" (no shift at all). The target is CGCS2000_TOWGS84 below (GRS80 lon/lat, null +towgs84),
    so PROJ applies the Helmert; cross-checked against an explicit PROJ pipeline (inv tmerc, cart on the
    Xian ellipsoid, helmert convention=position_vector, inv cart on GRS80) to 1e-9 degrees.
    GeoJSON: the file's lon/lat are taken as CGCS2000 (EPSG:4490) lon/lat as written.
  * Rings -> parts/holes with shapely: a ring contained in an even number of other rings is a shell,
    otherwise a hole of the containing ring one level up; parts ordered by their first ring in the file.
  * areaSquareMetres: shapely .area on the easting/northing coordinates (holes subtracted), 3 decimals.
    GeoJSON: lon/lat -> EPSG:4525 with pyproj first.
  * Ballpark comparison for the seven-parameter file: EPSG:2361 -> EPSG:4490 with pyproj, distance to the
    Helmert result with pyproj.Geod(ellps='GRS80').inv.
"""

import csv
import datetime
import io
import json
import os
import sys

import openpyxl
import pyproj
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import MultiPolygon, Point, Polygon

PREFIX = 37_000_000.0
SEVEN = "-83.4,110.2,45.6,1.2,-0.8,2.1,3.5"
SEVEN_PARAM_CRS = ("+proj=tmerc +lat_0=0 +lon_0=111 +k=1 +x_0=37500000 +y_0=0 +a=6378140 +rf=298.257 "
                   f"+towgs84={SEVEN} +units=m +no_defs +type=crs")
CGCS2000_TOWGS84 = "+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs +type=crs"
SEVEN_PIPELINE = ("+proj=pipeline +step +inv +proj=tmerc +lat_0=0 +lon_0=111 +k=1 +x_0=37500000 +y_0=0 "
                  "+a=6378140 +rf=298.257 +step +proj=cart +a=6378140 +rf=298.257 "
                  "+step +proj=helmert +x=-83.4 +y=110.2 +z=45.6 +rx=1.2 +ry=-0.8 +rz=2.1 +s=3.5 "
                  "+convention=position_vector +step +inv +proj=cart +ellps=GRS80 "
                  "+step +proj=unitconvert +xy_in=rad +xy_out=deg")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Fixtures", "sites")

_transformers = {}


def to_lonlat(crs, e, n):
    if crs not in _transformers:
        target = CGCS2000_TOWGS84 if crs == SEVEN_PARAM_CRS else 4490
        _transformers[crs] = Transformer.from_crs(crs, target, always_xy=True)
    return _transformers[crs].transform(e, n)


def closed(ring):
    return ring if ring[0] == ring[-1] else ring + [ring[0]]


def opened(ring):
    return ring[:-1] if ring[0] == ring[-1] else ring


def f3(v):
    return f"{v:.3f}"


# ---------------------------------------------------------------------------------------------
# Input coordinates: rings are lists of (easting_plain, northing), written OPEN (no closing point);
# each writer closes them where the file repeats the first point.
# ---------------------------------------------------------------------------------------------

HEXAGON = [  # park boundary J1..J6, clockwise
    (548120.350, 3380410.275), (548385.120, 3380455.810), (548560.475, 3380290.640),
    (548498.905, 3380040.125), (548210.660, 3379985.390), (548060.215, 3380180.930)]

DK01 = [(552010.125, 3385320.480), (552240.760, 3385260.115), (552285.340, 3385030.905),
        (552080.515, 3384950.270), (551950.890, 3385120.635)]
DK02_OUTER = [(552500.250, 3385300.250), (552800.250, 3385300.250), (552800.250, 3385000.250),
              (552500.250, 3385000.250)]
DK02_HOLE = [(552600.250, 3385200.250), (552700.250, 3385200.250), (552700.250, 3385100.250),
             (552600.250, 3385100.250)]
DK03_A = [(553000.500, 3385150.750), (553160.500, 3385130.750), (553150.500, 3385000.750),
          (553010.500, 3385010.750)]
DK03_B = [(553300.500, 3385100.750), (553420.500, 3385080.750), (553360.500, 3384990.750)]

ZD1 = [(540210.430, 3390510.120), (540390.870, 3390480.660), (540350.240, 3390300.050),
       (540190.615, 3390330.485)]
ZD2 = [(540600.000, 3390600.000), (540740.125, 3390575.340), (540780.560, 3390440.910),
       (540650.330, 3390380.275), (540560.845, 3390470.690)]

SWAPPED = [(535100.240, 3395420.610), (535310.785, 3395380.150), (535290.330, 3395180.475),
           (535120.905, 3395150.220), (535040.160, 3395290.845)]

POINT_SITES = [  # 编号, 项目名称, easting_plain, northing
    ("XM-2025-001", "宜昌高新区新材料项目", 546230.415, 3382510.260),
    ("XM-2025-002", "猇亭区物流仓储中心", 553410.880, 3375620.145),
    ("XM-2025-003", "点军区农产品加工园", 531820.305, 3392080.790),
    ("XM-2025-004", "夷陵区光伏组件厂", 541760.650, 3398340.505),
]

LATLON_SITES = [  # site_id, 名称, lat, lon
    ("S1", "伍家岗区数据中心", 30.651234, 111.402345),
    ("S2", "枝江市化工配套项目", 30.452871, 111.587604),
    ("S3", "夷陵区储能电站", 30.768450, 111.331207),
]

GEOJSON_SITES = [  # site_id, 项目名称, 投资额_万元, 备注, ring (plain E, N) counter-clockwise (RFC 7946)
    ("P-101", "宜昌港口物流园", 52000, "一期用地",
     [(545010.000, 3372010.000), (545210.000, 3372030.000), (545190.000, 3372230.000),
      (545020.000, 3372200.000)]),
    ("P-102", "高新区电子材料厂", 38500.5, "拟选址，待核实",
     [(545400.000, 3372100.000), (545500.000, 3372020.000), (545610.000, 3372080.000),
      (545620.000, 3372210.000), (545510.000, 3372280.000), (545410.000, 3372230.000)]),
    ("P-103", "猇亭区精细化工项目", 120000, "边界自相交（领结形）",
     [(545800.000, 3372000.000), (545950.000, 3372150.000), (545950.000, 3372000.000),
      (545800.000, 3372150.000)]),
    ("P-104", "枝江市食品加工项目", 8600, "",
     [(546100.000, 3372000.000), (546260.000, 3372010.000), (546300.000, 3372120.000),
      (546180.000, 3372190.000), (546090.000, 3372110.000)]),
]

# 勘测定界 multipart file: parcel -> list of (圈号, ring)
YC501 = [
    (1, [(549000.000, 3377400.000), (549200.000, 3377400.000), (549200.000, 3377200.000),
         (549000.000, 3377200.000)]),
    (2, [(549050.000, 3377350.000), (549150.000, 3377350.000), (549150.000, 3377250.000),
         (549050.000, 3377250.000)]),
    (3, [(549080.000, 3377320.000), (549120.000, 3377320.000), (549120.000, 3377280.000),
         (549080.000, 3377280.000)]),
]
YC502 = [
    (1, [(549345.000, 3377345.000), (549375.000, 3377345.000), (549375.000, 3377315.000),
         (549345.000, 3377315.000)]),
    (2, [(549300.000, 3377400.000), (549420.000, 3377400.000), (549420.000, 3377280.000),
         (549300.000, 3377280.000)]),
]
YC503 = [
    (1, [(549500.000, 3377400.000), (549580.000, 3377400.000), (549580.000, 3377350.000),
         (549500.000, 3377350.000)]),
    (1, [(549650.000, 3377420.000), (549730.000, 3377400.000), (549740.000, 3377330.000),
         (549690.000, 3377290.000), (549640.000, 3377340.000)]),
]

# Area-unit file: (parcel, name, declared text, unit note, ring)
AREA_UNITS = [
    ("YC2025-601", "配电房用地", "250.00", "declared 250.00 = m²",
     [(550000.000, 3378525.000), (550010.000, 3378525.000), (550010.000, 3378500.000),
      (550000.000, 3378500.000)]),
    ("YC2025-602", "仓储用地", "1.2000", "declared 1.2000 = 公顷",
     [(550100.000, 3378620.000), (550200.000, 3378620.000), (550200.000, 3378500.000),
      (550100.000, 3378500.000)]),
    ("YC2025-603", "产业用地", "20.00", "declared 20.00 = 亩",
     [(550300.000, 3378633.333), (550400.000, 3378633.333), (550400.000, 3378500.000),
      (550300.000, 3378500.000)]),
    ("YC2025-604", "综合用地", "5.0000", "declared 5.0000 matches no unit",
     [(550500.000, 3378700.000), (550600.000, 3378700.000), (550600.000, 3378500.000),
      (550500.000, 3378500.000)]),
]

XIAN80 = [(530100.000, 3398200.000), (530260.000, 3398200.000), (530260.000, 3398050.000),
          (530100.000, 3398050.000)]


# ---------------------------------------------------------------------------------------------
# Geometry helpers
# ---------------------------------------------------------------------------------------------

def assemble(rings):
    """rings: open rings (plain E, N) in file order -> list of parts [(shell_idx, [hole_idx...])]."""
    polys = [Polygon(r) for r in rings]
    depth = [sum(1 for j, q in enumerate(polys) if j != i and q.contains(p)) for i, p in enumerate(polys)]
    parts = {}
    for i, p in enumerate(polys):
        if depth[i] % 2 == 0:
            parts.setdefault(i, [])
    for i, p in enumerate(polys):
        if depth[i] % 2 == 1:
            parents = [j for j, q in enumerate(polys) if j != i and depth[j] == depth[i] - 1 and q.contains(p)]
            assert len(parents) == 1, parents
            parts[parents[0]].append(i)
    return sorted(parts.items(), key=lambda kv: min([kv[0]] + kv[1]))


def planar(rings, parts):
    geoms = [Polygon(rings[s], [rings[h] for h in hs]) for s, hs in parts]
    return geoms[0] if len(geoms) == 1 else MultiPolygon(geoms)


def ring_wkt(crs, ring, east_offset):
    pts = []
    for e, n in closed(ring):
        lon, lat = to_lonlat(crs, e + east_offset, n)
        pts.append(f"{lon:.9f} {lat:.9f}")
    return "(" + ", ".join(pts) + ")"


def polygon_row(file, feature, number, crs, rings, note, east_offset, crs_label=None):
    parts = assemble(rings)
    geom = planar(rings, parts)
    assert geom.is_valid, (file, feature, shapely.validation.explain_validity(geom))
    bodies = ["(" + ", ".join(ring_wkt(crs, rings[i], east_offset) for i in [s] + hs) + ")" for s, hs in parts]
    if len(parts) == 1:
        wkt, gtype = "POLYGON" + bodies[0], "Polygon"
    else:
        wkt, gtype = "MULTIPOLYGON(" + ", ".join(bodies) + ")", "MultiPolygon"
    holes = sum(len(hs) for _, hs in parts)
    return dict(file=file, feature=feature, featureNumber=number, id=feature, geometryType=gtype,
                parts=len(parts), holes=holes, wktLonLat=wkt, areaSquareMetres=f3(geom.area),
                crs=crs_label or crs, note=note), geom


def point_row(file, feature, number, lon, lat, crs, note):
    return dict(file=file, feature=feature, featureNumber=number, id=feature, geometryType="Point",
                parts=1, holes=0, wktLonLat=f"POINT({lon:.9f} {lat:.9f})", areaSquareMetres="",
                crs=crs, note=note)


# ---------------------------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------------------------

def write_text(name, text, encoding="utf-8", newline="\n", bom=False):
    data = text.replace("\n", newline)
    raw = data.encode(encoding)
    if bom:
        raw = b"\xef\xbb\xbf" + raw
    with open(os.path.join(OUT, name), "wb") as handle:
        handle.write(raw)


def csv_text(rows):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def survey_text(date, crs_name, params, parcels):
    """parcels: list of (declared, id, name, use, code, [(点号, 圈号, E_prefixed, N)])."""
    lines = ["[属性描述]", "格式版本号=1.01版本", "数据产生单位=宜昌市某某测绘有限公司", f"数据产生日期={date}",
             f"坐标系={crs_name}", "几度分带=3", "投影类型=高斯克吕格", "计量单位=米", "带号=37", "精度=0.01",
             f"转换参数={params}", "[地块坐标]"]
    for declared, pid, name, use, code, pts in parcels:
        lines.append(f"{len(pts)},{declared},{pid},{name},面,H49G001001,{use},{code},@")
        for point, ring_no, e, n in pts:
            lines.append(f"{point},{ring_no},{f3(n)},{f3(e)}")
    return "\n".join(lines) + "\n"


def survey_points(numbered_rings):
    """[(圈号, open ring)] -> point lines with closing points repeated; names J1.. continuing."""
    pts, k = [], 1
    for ring_no, ring in numbered_rings:
        names = []
        for e, n in ring:
            names.append(f"J{k}")
            pts.append((f"J{k}", ring_no, e + PREFIX, n))
            k += 1
        pts.append((names[0], ring_no, ring[0][0] + PREFIX, ring[0][1]))
    return pts


def main():
    os.makedirs(OUT, exist_ok=True)
    rows, geoms = [], {}

    def add(row_geom):
        row, geom = row_geom
        rows.append(row)
        geoms[(row["file"], row["feature"], row["crs"])] = geom

    # 1. vertices_one_parcel.csv — UTF-8 BOM, CRLF, open ring
    name = "vertices_one_parcel.csv"
    body = [["点号", "X", "Y"]] + [[f"J{i + 1}", f3(n), f3(e + PREFIX)] for i, (e, n) in enumerate(HEXAGON)]
    write_text(name, csv_text(body), newline="\r\n", bom=True)
    add(polygon_row(name, "", 1, "EPSG:4525", [HEXAGON], "one parcel, ring not closed", PREFIX))

    # 2. vertices_one_parcel.xlsx — closed ring, numeric cells
    name = "vertices_one_parcel.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "界址点"
    ws.append(["点号", "X坐标", "Y坐标"])
    for i, (e, n) in enumerate(closed(HEXAGON)):
        ws.append([f"J{(i % len(HEXAGON)) + 1}", round(n, 3), round(e + PREFIX, 3)])
    for row in ws.iter_rows(min_row=2, min_col=2, max_col=3):
        for cell in row:
            cell.number_format = "0.000"
    wb.properties.created = datetime.datetime(2025, 3, 1, 9, 0, 0)
    wb.properties.modified = datetime.datetime(2025, 3, 1, 9, 0, 0)
    wb.save(os.path.join(OUT, name))
    add(polygon_row(name, "", 1, "EPSG:4525", [HEXAGON], "sheet 界址点, ring closed (J1 repeated)", PREFIX))

    # 3. vertices_parcels_gbk.csv — GBK, CRLF
    name = "vertices_parcels_gbk.csv"
    parcels = [
        ("DK-01", "化工园区一期", [(1, DK01, True)], "pentagon, closed"),
        ("DK-02", "物流仓储基地", [(1, DK02_OUTER, True), (2, DK02_HOLE, True)], "圈号 2 is a hole, rings closed"),
        ("DK-03", "新材料产业园（飞地）", [(1, DK03_A, False), (2, DK03_B, False)],
         "圈号 2 outside 圈号 1: two parts, rings not closed"),
    ]
    body = [["地块编号", "地块名称", "圈号", "点号", "X坐标", "Y坐标"]]
    for number, (pid, pname, rings, note) in enumerate(parcels, 1):
        k = 1
        for ring_no, ring, close in rings:
            first = k
            for e, n in ring:
                body.append([pid, pname, ring_no, f"J{k}", f3(n), f3(e + PREFIX)])
                k += 1
            if close:
                body.append([pid, pname, ring_no, f"J{first}", f3(ring[0][1]), f3(ring[0][0] + PREFIX)])
        add(polygon_row(name, pid, number, "EPSG:4525", [r for _, r, _ in rings], note, PREFIX))
    write_text(name, csv_text(body), encoding="gbk", newline="\r\n")

    # 4. vertices_no_prefix.csv — plain eastings, needs --crs EPSG:4546
    name = "vertices_no_prefix.csv"
    body = [["宗地号", "点号", "X", "Y"]]
    for pid, ring in (("ZD-1", ZD1), ("ZD-2", ZD2)):
        for i, (e, n) in enumerate(ring):
            body.append([pid, f"J{i + 1}", f3(n), f3(e)])
    write_text(name, csv_text(body))
    rows.append(dict(file=name, feature="", featureNumber="", id="", geometryType="", parts="", holes="",
                     wktLonLat="", areaSquareMetres="", crs="",
                     note="error: no zone prefix, needs --crs (plain 6-digit eastings)"))
    add(polygon_row(name, "ZD-1", 1, "EPSG:4546", [ZD1], "with --crs EPSG:4546", 0.0))
    add(polygon_row(name, "ZD-2", 2, "EPSG:4546", [ZD2], "with --crs EPSG:4546", 0.0))

    # 5. vertices_swapped.csv — X = easting, Y = northing
    name = "vertices_swapped.csv"
    body = [["点号", "X", "Y"]] + [[f"J{i + 1}", f3(e + PREFIX), f3(n)] for i, (e, n) in enumerate(SWAPPED)]
    write_text(name, csv_text(body))
    add(polygon_row(name, "", 1, "EPSG:4525", [SWAPPED], "x/y swapped (X holds the easting)", PREFIX))

    # 6. points_northing_easting.csv
    name = "points_northing_easting.csv"
    body = [["编号", "项目名称", "X", "Y"]]
    for number, (pid, pname, e, n) in enumerate(POINT_SITES, 1):
        body.append([pid, pname, f3(n), f3(e + PREFIX)])
        lon, lat = to_lonlat("EPSG:4525", e + PREFIX, n)
        rows.append(point_row(name, pid, number, lon, lat, "EPSG:4525", "X northing, Y prefixed easting"))
        geoms[(name, pid, "EPSG:4525")] = Point(e, n)
    write_text(name, csv_text(body))

    # 7. points_latlon_swapped.csv — X = latitude, Y = longitude
    name = "points_latlon_swapped.csv"
    body = [["site_id", "名称", "X", "Y"]]
    for number, (pid, pname, lat, lon) in enumerate(LATLON_SITES, 1):
        body.append([pid, pname, f"{lat:.6f}", f"{lon:.6f}"])
        rows.append(point_row(name, pid, number, lon, lat, "EPSG:4490", "X latitude, Y longitude: x/y swapped"))
        geoms[(name, pid, "EPSG:4490")] = Point(lon, lat)
    write_text(name, csv_text(body))

    # 8. sites_with_ids.geojson — lon/lat 7 decimals, no crs, no id
    name = "sites_with_ids.geojson"
    to4525 = Transformer.from_crs(4490, 4525, always_xy=True)
    features = []
    for number, (pid, pname, money, remark, ring) in enumerate(GEOJSON_SITES, 1):
        ll = []
        for e, n in closed(ring):
            lon, lat = to_lonlat("EPSG:4525", e + PREFIX, n)
            ll.append([round(lon, 7), round(lat, 7)])
        features.append({"type": "Feature",
                         "properties": {"site_id": pid, "项目名称": pname, "投资额_万元": money, "备注": remark},
                         "geometry": {"type": "Polygon", "coordinates": [ll]}})
        wkt = "POLYGON((" + ", ".join(f"{lon:.9f} {lat:.9f}" for lon, lat in ll) + "))"
        gk = Polygon([(x - PREFIX, y) for x, y in (to4525.transform(lon, lat) for lon, lat in ll)])
        if pid == "P-103":
            assert not gk.is_valid
            fixed = shapely.make_valid(gk)
            area, note = "", (f"invalid: self-intersection (bow-tie); make_valid gives {fixed.geom_type} "
                              f"of {len(fixed.geoms)} parts, {fixed.area:.3f} m²")
        else:
            assert gk.is_valid
            area, note = f3(gk.area), "lon/lat as written; area after EPSG:4490->4525"
        rows.append(dict(file=name, feature=pid, featureNumber=number, id=pid, geometryType="Polygon",
                         parts=1, holes=0, wktLonLat=wkt, areaSquareMetres=area, crs="EPSG:4326", note=note))
        geoms[(name, pid, "EPSG:4326")] = gk
    text = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1)
    write_text(name, text + "\n")

    # 9. survey_multipart_rings.txt
    name = "survey_multipart_rings.txt"
    survey_parcels = [
        ("YC2025-501", "环中岛地块", YC501, "ring 3 is an island inside hole 2: second part"),
        ("YC2025-502", "内外圈反号地块", YC502, "圈号 1 (small) is the hole of 圈号 2 (big) by geometry"),
        ("YC2025-503", "同号两片地块", YC503, "two disjoint parts both 圈号 1"),
    ]
    sv = []
    for number, (pid, pname, numbered, note) in enumerate(survey_parcels, 1):
        row, geom = polygon_row(name, pid, number, "EPSG:4525", [r for _, r in numbered], note, PREFIX)
        declared = f"{geom.area / 10000:.4f}"
        row["note"] = f"{note}; declared {declared} ha"
        add((row, geom))
        sv.append((declared, pid, pname, "工业用地", "0601", survey_points(numbered)))
    write_text(name, survey_text("2025-04-18", "2000国家大地坐标系", ",,,,,,", sv))

    # 10. survey_area_units.txt
    name = "survey_area_units.txt"
    sv = []
    for number, (pid, pname, declared, note, ring) in enumerate(AREA_UNITS, 1):
        add(polygon_row(name, pid, number, "EPSG:4525", [ring], note, PREFIX))
        sv.append((declared, pid, pname, "工业用地", "0601", survey_points([(1, ring)])))
    write_text(name, survey_text("2025-05-06", "2000国家大地坐标系", ",,,,,,", sv))

    # 11. survey_xian80_seven_params.txt
    name = "survey_xian80_seven_params.txt"
    row, geom = polygon_row(name, "YC2025-701", 1, SEVEN_PARAM_CRS, [XIAN80],
                            f"Xian80 with seven parameters {SEVEN} (position vector)", PREFIX, "+towgs84")
    declared = f"{geom.area / 10000:.4f}"
    row["note"] += f"; declared {declared} ha"
    add((row, geom))
    write_text(name, survey_text("2025-02-20", "1980西安坐标系", SEVEN,
                                 [(declared, "YC2025-701", "西坝片区改造地块", "工业用地", "0601",
                                   survey_points([(1, XIAN80)]))]))
    helmert = Transformer.from_crs(SEVEN_PARAM_CRS, CGCS2000_TOWGS84, always_xy=True)
    pipeline = Transformer.from_pipeline(SEVEN_PIPELINE)
    ballpark = Transformer.from_crs(2361, 4490, always_xy=True)
    geod = Geod(ellps="GRS80")
    comparison = []
    for i, (e, n) in enumerate(XIAN80, 1):
        lon1, lat1 = helmert.transform(e + PREFIX, n)
        lon2, lat2 = ballpark.transform(e + PREFIX, n)
        _, _, dist = geod.inv(lon1, lat1, lon2, lat2)
        lon3, lat3 = pipeline.transform(e + PREFIX, n)
        assert abs(lon3 - lon1) < 1e-9 and abs(lat3 - lat1) < 1e-9, (lon1, lat1, lon3, lat3)
        assert dist > 10.0, "seven parameters were not applied"
        comparison.append((f"J{i}", lon1, lat1, lon2, lat2, dist))

    # expected.csv
    columns = ["file", "feature", "featureNumber", "id", "geometryType", "parts", "holes", "wktLonLat",
               "areaSquareMetres", "crs", "note"]
    with open(os.path.join(OUT, "expected.csv"), "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    write_readme(rows, comparison, helmert, ballpark)
    return rows, comparison


def write_readme(rows, comparison, helmert, ballpark):
    areas = {(r["file"], r["feature"]): r["areaSquareMetres"] for r in rows}
    dists = [c[5] for c in comparison]
    table = "\n".join(
        f"| {c[0]} | {c[1]:.9f} {c[2]:.9f} | {c[3]:.9f} {c[4]:.9f} | {c[5]:.3f} |" for c in comparison)
    text = f"""# Site-input fixtures (Fixtures/sites/)

Site tables "as Chinese planners have them", for the site-screening readers. All coordinates lie around
Yichang, Hubei (111.3–111.6°E, 30.4–30.8°N), CGCS2000 3-degree Gauss-Krüger zone 37 (central meridian
111°E): zone-prefixed eastings (37 5xx xxx.xxx) = EPSG:4525, plain 6-digit eastings = EPSG:4546.
Surveying convention: X = 北坐标 (northing), Y = 东坐标 (easting).

| file | what it exercises | expected |
|------|-------------------|----------|
| `vertices_one_parcel.csv` | UTF-8 with BOM, CRLF; `点号,X,Y`; 6 vertices J1–J6, ring not closed; EPSG:4525 | 1 Polygon (hexagon), {areas[("vertices_one_parcel.csv", "")]} m² |
| `vertices_one_parcel.xlsx` | sheet `界址点`, header `点号 / X坐标 / Y坐标`, numeric cells; J1 repeated as last row | the same Polygon |
| `vertices_parcels_gbk.csv` | GBK, CRLF; `地块编号,地块名称,圈号,点号,X坐标,Y坐标`; DK-01 pentagon (closed), DK-02 square with a square hole (圈号 2, closed), DK-03 two rings outside each other (飞地, not closed) | Polygon {areas[("vertices_parcels_gbk.csv", "DK-01")]} m²; Polygon with 1 hole {areas[("vertices_parcels_gbk.csv", "DK-02")]} m²; MultiPolygon of 2 parts {areas[("vertices_parcels_gbk.csv", "DK-03")]} m² |
| `vertices_no_prefix.csv` | UTF-8, LF; `宗地号,点号,X,Y`; plain 6-digit eastings | error without a CRS (zone unknown); with `--crs EPSG:4546` two Polygons ZD-1, ZD-2 |
| `vertices_swapped.csv` | UTF-8, LF; `点号,X,Y` but X holds the prefixed easting, Y the northing (maths convention) | 1 Polygon (pentagon) once the swap is detected by magnitude |
| `points_northing_easting.csv` | UTF-8, LF; `编号,项目名称,X,Y`, one point per row, no 点号 column | 4 Points (EPSG:4525) |
| `points_latlon_swapped.csv` | UTF-8, LF; `site_id,名称,X,Y` with X = latitude, Y = longitude (decimal degrees) | 3 Points, lon/lat after swapping |
| `sites_with_ids.geojson` | RFC 7946 FeatureCollection, lon/lat (7 decimals), no `crs`, no feature `id`; properties `site_id`, `项目名称`, `投资额_万元`, `备注` | 4 Polygons; P-103 is a bow-tie (self-intersection, invalid) |
| `survey_multipart_rings.txt` | 勘测定界, UTF-8, LF, zone 37 prefixed. YC2025-501: outer ring 1, hole 2, island 3 inside the hole; YC2025-502: 圈号 1 small square inside 圈号 2 big square; YC2025-503: two disjoint rings both 圈号 1 | YC2025-501 MultiPolygon (part 1 with 1 hole + island) {areas[("survey_multipart_rings.txt", "YC2025-501")]} m²; YC2025-502 Polygon, shell = 圈号 2, hole = 圈号 1, {areas[("survey_multipart_rings.txt", "YC2025-502")]} m²; YC2025-503 MultiPolygon of 2 parts {areas[("survey_multipart_rings.txt", "YC2025-503")]} m² (declared areas correct) |
| `survey_area_units.txt` | 勘测定界, 地块面积 in different units without saying so | YC2025-601 250.00 = m² (10 m × 25 m); YC2025-602 1.2000 = 公顷 (12 000 m²); YC2025-603 20.00 = 亩 ({areas[("survey_area_units.txt", "YC2025-603")]} m² = 19.99995 亩); YC2025-604 5.0000 matches no unit (20 000 m² = 2 ha = 30 亩) |
| `survey_xian80_seven_params.txt` | 勘测定界, 坐标系=1980西安坐标系, zone 37 prefixed, `转换参数={SEVEN}` (dx,dy,dz m; rx,ry,rz arc-seconds; k ppm) | 1 Polygon YC2025-701 transformed with the seven parameters (position vector, as PROJ `+towgs84`) |

## expected.csv

One row per expected feature (or expected error): `file,feature,featureNumber,id,geometryType,parts,holes,wktLonLat,areaSquareMetres,crs,note`.
`feature` is the parcel ID / 编号 / site_id as the file gives it (empty for the single-parcel files, which
have no key); `id` repeats it (GeoJSON features have no `id` member; the identifier is `site_id`);
`featureNumber` is the 1-based order in the file. The `vertices_no_prefix.csv` error row has empty crs.

Generated by (from the repository root):

    /work/main/.venv-ref/bin/python Tests/reference/make_site_tables.py

Method (nothing from ZoneScreen is used): coordinates are written by hand in the script as easting/northing;
`wktLonLat` = pyproj `Transformer.from_crs(<source EPSG>, 4490, always_xy=True)`, 9 decimals, lon first,
rings closed, orientation as in the file. Rings are grouped with shapely (a ring inside an even number of
rings is a shell, otherwise a hole of the ring that contains it); parts follow their first ring in the
file. `areaSquareMetres` = shapely `.area` on the Gauss-Krüger easting/northing, holes subtracted, 3 decimals.
GeoJSON: the file's lon/lat are taken as CGCS2000 (crs column `EPSG:4326` = RFC 7946 lon/lat), area after
pyproj EPSG:4490 → EPSG:4525; the bow-tie has no area (its `make_valid` area is in the note).
Seven-parameter file: source CRS `{SEVEN_PARAM_CRS}` →
`{CGCS2000_TOWGS84}` (CGCS2000 lon/lat; PROJ operation: {helmert.description}).
Not → EPSG:4490 directly: PROJ {pyproj.proj_version_str} then drops the `+towgs84` and uses "Ballpark geographic offset
from unknown to CGCS2000", i.e. no datum shift at all (it gives exactly the ballpark numbers below). The
result agrees to 1e-9° with the explicit pipeline `{SEVEN_PIPELINE}`.

## Seven parameters vs ballpark

The same corners read as EPSG:2361 (Xian 1980 zone 37) → EPSG:4490 with PROJ's ballpark operation
({ballpark.description}) land {min(dists):.3f}–{max(dists):.3f} m (GRS80 geodesic) from the seven-parameter result:

| corner | seven parameters lon lat | ballpark lon lat | distance m |
|--------|--------------------------|------------------|------------|
{table}

Versions: python {sys.version.split()[0]}, pyproj {pyproj.__version__}, PROJ {pyproj.proj_version_str}, shapely {shapely.__version__}.
"""
    write_text("README.md", text)


if __name__ == "__main__":
    main()
