#!/usr/bin/env bash
# Writes the source files of Fixtures/zoning/bad-sources/ (see its README): the tiny dataset's layers
# (Fixtures/zoning/tiny, EPSG:4546) in the formats provinces deliver, each with the fault a real delivery
# has. The case manifests (*/dataset.yaml) are written by hand and not touched here.
# Needs ogr2ogr (Debian: gdal-bin) and python3. Run from anywhere; running it again gives the same bytes.
#   bash Tests/reference/make_bad_sources.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
tiny=Fixtures/zoning/tiny
out=Fixtures/zoning/bad-sources
command -v ogr2ogr >/dev/null || { echo "needs ogr2ogr: apt-get install gdal-bin" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$out/layers" "$out/lists"
mkdir -p "$out/layers" "$out/lists"
export OGR_CURRENT_DATE=2026-11-23T00:00:00Z   # the tiny dataset's date, in the GeoPackage's tables

# Sources with every property in every feature, in one order, so the layers' field order is the one below.
python3 - "$tiny" "$work" <<'PY'
import json, sys
tiny, work = sys.argv[1], sys.argv[2]
def load(name):
    return json.load(open(f"{tiny}/layers/{name}.geojson", encoding="utf-8"))["features"]
def write(name, features):
    json.dump({"type": "FeatureCollection", "features": features},
              open(f"{work}/{name}.geojson", "w", encoding="utf-8"), ensure_ascii=False)
def feature(properties, geometry):
    return {"type": "Feature", "properties": properties, "geometry": geometry}

unit_fields = ["HJGKDYBM", "HJGKDYMC", "ZHGKDYFL", "DYXL", "KJBJYS", "PWWPFGK"]
units = []
for f in load("units"):
    p = f["properties"]
    units.append(feature({k: (str(p[k]) if k in p else None) for k in unit_fields}, f["geometry"]))
write("units", units)
# A unit drawn as a line by mistake, put third: the tiny units A, B, then this, then C.
line = feature({"HJGKDYBM": "ZH42909930002", "HJGKDYMC": "丁单元（误画为线）", "ZHGKDYFL": "3",
                "DYXL": None, "KJBJYS": None, "PWWPFGK": None},
               {"type": "LineString", "coordinates": [[500000, 3304000], [504000, 3304000]]})
write("units_mixed", units[:2] + [line] + units[2:])
write("redlines", load("redlines"))
write("water", load("water"))
write("shorelines", load("shorelines"))

# The unit lists as a sheet: header, A, B, an unknown code (ZH42909930009, a typo for ...30001), C.
# A blank row goes before the unknown one after the sheet is written (below).
rows = [
    ("ZH42909910001", "甲优先保护单元", "执行优先保护单元总体要求。", None),
    ("ZH42909920001", "乙工业园区", "1.禁止新建燃煤锅炉。2.禁止新建化学制浆造纸项目。", "（1）园区污水集中处理；（2）执行特别排放限值。"),
    ("ZH42909930009", "丁单元（编码有误）", "执行一般管控单元总体要求。", None),
    ("ZH42909930001", "丙一般管控单元", None, None),
]
write("lists", [feature({"环境管控单元编码": c, "环境管控单元名称": n, "空间布局约束": s, "污染物排放管控": p}, None)
                for c, n, s, p in rows])
PY

# One GeoPackage, five layers, in EPSG:4546 (-a_srs labels the coordinates; they are not transformed).
gpkg="$out/layers/zoning.gpkg"
first=1
for layer in units units_mixed redlines water shorelines; do
    if [ $first = 1 ]; then mode=(-f GPKG); first=0; else mode=(-update); fi
    ogr2ogr "${mode[@]}" -a_srs EPSG:4546 -lco SPATIAL_INDEX=NO -nln "$layer" "$gpkg" "$work/$layer.geojson"
done

# The shorelines as a Shapefile mailed without its .prj (ogr2ogr writes one; it is removed).
ogr2ogr -f "ESRI Shapefile" -a_srs EPSG:4546 -lco ENCODING=UTF-8 -nln shorelines_noprj \
    "$out/layers/shorelines_noprj.shp" "$work/shorelines.geojson"
rm "$out/layers/shorelines_noprj.prj"

# The lists sheet; then rows 4 and 5 move down one, leaving row 4 blank as in a hand-kept table, and the
# archive's dates and the DBF header's date are fixed.
ogr2ogr -f XLSX -nln 单元清单 "$out/lists/unit-lists.xlsx" "$work/lists.geojson"
python3 - "$out/lists/unit-lists.xlsx" "$out/layers/shorelines_noprj.dbf" <<'PY'
import re, sys, zipfile
path = sys.argv[1]
with zipfile.ZipFile(path) as source:
    entries = [(info, source.read(info.filename)) for info in source.infolist()]
def shift(match):
    row = int(match.group(2))
    return f'{match.group(1)}{row + 1 if row >= 4 else row}"'
with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
    for info, data in entries:
        if info.filename == "xl/worksheets/sheet1.xml":
            text = data.decode("utf-8")
            text = re.sub(r'(<row r=")(\d+)"', shift, text)
            text = re.sub(r'(<c r="[A-Z]+)(\d+)"', shift, text)
            data = text.encode("utf-8")
        fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 11, 23, 0, 0, 0))
        fixed.compress_type = zipfile.ZIP_DEFLATED
        fixed.external_attr = info.external_attr
        target.writestr(fixed, data)
with open(sys.argv[2], "r+b") as dbf:
    dbf.seek(1)
    dbf.write(bytes([126, 11, 23]))
PY

ls -la "$out/layers" "$out/lists"
