#!/usr/bin/env bash
# Writes Fixtures/demo-official/: the demo dataset (Fixtures/demo) as a province delivers it, so the tests
# can load both and check that they screen every demo site alike (Tests/ZoningTests/OfficialFormatDatasetTests.swift).
#   - control units: a Shapefile in CGCS2000 3-degree Gauss-Krüger CM 111°E (EPSG:4546), text in GBK with
#     a .cpg, without the four list fields (a DBF text field holds at most 254 bytes: ~127 characters in GBK);
#   - parks: a Shapefile in EPSG:4546, GBK;
#   - red lines, drinking-water protection areas and shorelines: one GeoPackage in EPSG:4490, three layers;
#   - the unit lists: an XLSX sheet, one row per unit, with the columns provinces publish;
#   - dataset.yaml: the demo's, with these files, `listTable`, and ../demo/ paths for the lists, rules
#     and sites (nothing duplicated; the catalogue and the national rules are built in).
# Needs ogr2ogr (Debian: gdal-bin) and python3 with PyYAML. Run from the repository root; running it again
# gives the same bytes (dates in the GeoPackage, the DBF header and the XLSX archive are fixed).
#   bash Tests/reference/make_demo_official.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
demo=Fixtures/demo
out=Fixtures/demo-official
command -v ogr2ogr >/dev/null || { echo "needs ogr2ogr: apt-get install gdal-bin" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$out/layers" "$out/lists" "$out/dataset.yaml"
mkdir -p "$out/layers" "$out/lists"

# The date the demo is dated, written wherever a tool would write today's.
export OGR_CURRENT_DATE=2024-06-30T00:00:00Z

# Control units: projected by ogr2ogr (PROJ) from the demo's CGCS2000 degrees to Gauss-Krüger metres.
# The GeoJSON has no crs member, so GDAL would assume WGS 84: -s_srs says what it is. RESIZE=YES trims
# each text field to its longest value.
ogr2ogr -f "ESRI Shapefile" -s_srs EPSG:4490 -t_srs EPSG:4546 -lco ENCODING=GBK -lco RESIZE=YES \
    -select HJGKDYBM,HJGKDYMC,ZHGKDYFL,DYXL,PROV,CITY,COUNTY -nln units \
    "$out/layers/units.shp" "$demo/layers/units.geojson"

# Parks: a Shapefile of their own, as the 化工园区/开发区 boundaries are delivered (Gauss-Krüger, GBK).
ogr2ogr -f "ESRI Shapefile" -s_srs EPSG:4490 -t_srs EPSG:4546 -lco ENCODING=GBK -lco RESIZE=YES -nln parks \
    "$out/layers/parks.shp" "$demo/layers/parks.geojson"

# Red lines, drinking-water protection areas and shorelines in one GeoPackage, coordinates unchanged
# (-a_srs labels them CGCS2000; no transformation).
gpkg="$out/layers/zoning.gpkg"
ogr2ogr -f GPKG -a_srs EPSG:4490 -nln STBHHX "$gpkg" "$demo/layers/redlines.geojson"
ogr2ogr -update -a_srs EPSG:4490 -nln YYSSYBHQ "$gpkg" "$demo/layers/water-sources.geojson"
ogr2ogr -update -a_srs EPSG:4490 -nln AX "$gpkg" "$demo/layers/shorelines.geojson"

# The unit lists: one row per unit from the demo units' KJBJYS/PWWPFGK/HJFXFK/ZYKFXLYQ. GDAL's XLSX driver
# writes the sheet (from a GeoJSON without geometries, whose property order becomes the column order).
python3 - "$demo/layers/units.geojson" "$work/lists.geojson" <<'PY'
import json, sys
units = json.load(open(sys.argv[1], encoding="utf-8"))["features"]
classes = {"1": "优先保护单元", "2": "重点管控单元", "3": "一般管控单元"}
rows = []
for unit in units:
    p = unit["properties"]
    rows.append({"type": "Feature", "geometry": None, "properties": {
        "环境管控单元编码": p["HJGKDYBM"],
        "环境管控单元名称": p["HJGKDYMC"],
        "管控单元分类": classes[p["ZHGKDYFL"]],
        "空间布局约束": p.get("KJBJYS") or "",
        "污染物排放管控": p.get("PWWPFGK") or "",
        "环境风险防控": p.get("HJFXFK") or "",
        "资源开发效率要求": p.get("ZYKFXLYQ") or "",
    }})
json.dump({"type": "FeatureCollection", "features": rows}, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
ogr2ogr -f XLSX -nln 单元清单 "$out/lists/单元清单.xlsx" "$work/lists.geojson"

# Fixed dates: the DBF header's last-update date (bytes 1-3: year-1900, month, day) and the XLSX
# archive's entry times, which the tools set to today.
python3 - "$out/layers/units.dbf" "$out/lists/单元清单.xlsx" <<'PY'
import sys, zipfile
with open(sys.argv[1], "r+b") as dbf:
    dbf.seek(1)
    dbf.write(bytes([124, 6, 30]))
path = sys.argv[2]
with zipfile.ZipFile(path) as source:
    entries = [(info, source.read(info.filename)) for info in source.infolist()]
with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
    for info, data in entries:
        fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 6, 30, 0, 0, 0))
        fixed.compress_type = zipfile.ZIP_DEFLATED
        fixed.external_attr = info.external_attr
        target.writestr(fixed, data)
PY

# The manifest: the demo's, with the new files and paths back into the demo folder.
python3 - "$demo/dataset.yaml" "$out/dataset.yaml" <<'PY'
import sys, yaml
manifest = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
manifest["name"] = manifest["name"].replace("（虚构示例）", "（虚构示例，官方交付格式）")
layers = manifest["layers"]
units = layers["controlUnits"]
units["file"] = "layers/units.shp"          # CRS from its .prj (EPSG:4546), text from its .cpg (GBK)
del units["listFields"]
units["listTable"] = {
    "file": "lists/单元清单.xlsx",
    "layer": "单元清单",
    "code": "环境管控单元编码",
    "columns": {"spatialLayout": "空间布局约束", "pollutantDischarge": "污染物排放管控",
                "environmentalRisk": "环境风险防控", "resourceEfficiency": "资源开发效率要求"},
}
def in_geopackage(spec, layer):
    """The spec with file and layer: (layer written right after file)."""
    moved = {}
    for key, value in spec.items():
        moved[key] = "layers/zoning.gpkg" if key == "file" else value
        if key == "file":
            moved["layer"] = layer
    return moved
layers["redLines"] = in_geopackage(layers["redLines"], "STBHHX")
layers["shorelines"] = in_geopackage(layers["shorelines"], "AX")
layers["sensitiveAreas"] = [in_geopackage(s, "YYSSYBHQ") if s["id"] == "drinkingWater" else s
                            for s in layers["sensitiveAreas"]]
layers["parks"]["file"] = "layers/parks.shp"  # CRS from its .prj, text from its .cpg
for key in ("rules", "sites", "unitClauseAnnotations"):
    manifest[key] = "../demo/" + manifest[key]
manifest["clauseFiles"] = ["../demo/" + f for f in manifest["clauseFiles"]]
header = ("# 沧澜县（虚构）三线一单示例数据集的“官方交付格式”版本：单元为 Shapefile（EPSG:4546，GBK），红线、水源保护区、\n"
          "# 岸线为一个 GeoPackage（EPSG:4490），单元准入清单为 XLSX。由 Tests/reference/make_demo_official.sh 生成，请勿手工修改。\n")
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write(header)
    yaml.safe_dump(manifest, f, allow_unicode=True, sort_keys=False, width=120)
PY

ls -la "$out" "$out/layers" "$out/lists"
du -sh "$out"
