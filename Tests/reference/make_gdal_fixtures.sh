#!/usr/bin/env bash
# Builds the GDAL format fixtures under Fixtures/gdal/ from the hand-written GeoJSON sources in
# Fixtures/gdal/source/, with the tools users have (ogr2ogr from Debian 12's gdal-bin 3.6.2, iconv,
# and pyproj for the one reference transform). Exact command, from the repository root:
#
#     bash Tests/reference/make_gdal_fixtures.sh
#
# Sources (written by hand, CGCS2000 longitude/latitude):
#     sites.geojson   3 polygons 园区A / 临港化工园 / 滨江物流园 with 编号, 名称, 类型, 面积, 批复日期
#     cad.geojson     2 polygons, 1 line (排污管线), 1 point (取水口): what a CAD drawing holds
#     points.geojson  3 project points 拟建项目甲 / 拟建项目乙 / 度分秒点 (108°30'15.2" 29°33'36")
set -euo pipefail
cd "$(dirname "$0")/../.."
SRC=Fixtures/gdal/source
OUT=Fixtures/gdal
rm -rf "$OUT"/shp_gbk "$OUT"/shp_gbk_nocpg "$OUT"/shp_4546 "$OUT"/sites.kml "$OUT"/sites.kmz \
       "$OUT"/sites.gpkg "$OUT"/cad.dxf "$OUT"/points.csv "$OUT"/points_gbk.csv "$OUT"/points.xlsx "$OUT"/sites_wkt.csv
mkdir -p "$OUT"/shp_gbk "$OUT"/shp_gbk_nocpg "$OUT"/shp_4546

# Shapefile with GBK attributes: ogr2ogr writes a .cpg saying GBK (and an ESRI .prj for CGCS2000).
ogr2ogr -f "ESRI Shapefile" -a_srs EPSG:4490 -lco ENCODING=GBK "$OUT"/shp_gbk/sites.shp "$SRC"/sites.geojson
# The same file as many old tools leave it: no .cpg, DBF language byte 0, raw GBK bytes.
ogr2ogr -f "ESRI Shapefile" -a_srs EPSG:4490 -lco ENCODING=GBK "$OUT"/shp_gbk_nocpg/sites.shp "$SRC"/sites.geojson
rm "$OUT"/shp_gbk_nocpg/sites.cpg
# Projected: CGCS2000 3-degree Gauss-Kruger CM 111E without zone prefix (EPSG:4546; the sites lie
# 2.5 degrees west of that meridian, as happens when a county uses its province's zone), attributes in
# UTF-8 (.cpg "UTF-8"). 批复日期 is left out: 12 bytes in UTF-8, over the DBF's 10-byte field-name
# limit, and ogr2ogr cuts it in the middle of a character.
ogr2ogr -f "ESRI Shapefile" -s_srs EPSG:4490 -t_srs EPSG:4546 -lco ENCODING=UTF-8 -select 编号,名称,类型,面积 \
    "$OUT"/shp_4546/sites.shp "$SRC"/sites.geojson

# KML (GDAL's KML driver) and KMZ (LIBKML); both are WGS 84 by definition.
ogr2ogr -f KML "$OUT"/sites.kml "$SRC"/sites.geojson
ogr2ogr -f LIBKML "$OUT"/sites.kmz "$SRC"/sites.geojson
# GeoPackage in CGCS2000.
ogr2ogr -f GPKG -a_srs EPSG:4490 "$OUT"/sites.gpkg "$SRC"/sites.geojson

# DXF. ogr2ogr writes polygons as HATCH entities unless they are turned into lines first; CAD users
# draw parcels as polylines, so -nlt LINESTRING writes each ring as an LWPOLYLINE (flag 70 = 0, first
# point repeated). Then the file is made to look like what AutoCAD 2004 saves on a Chinese system:
# the first polyline gets the closed flag (70 = 1) without the repeated point, the text is GBK and
# the header says $DWGCODEPAGE ANSI_936 (ogr2ogr writes UTF-8 bytes under ANSI_1252, which GDAL then
# reads back as Latin-1 mojibake).
ogr2ogr -f DXF -nlt LINESTRING "$OUT"/cad.utf8.dxf "$SRC"/cad.geojson
python3 - "$OUT"/cad.utf8.dxf "$OUT"/cad.dxf <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
i = lines.index("LWPOLYLINE")
flag = lines.index(" 70", i); lines[flag + 1] = "1"
count = lines.index(" 90", i); n = int(lines[count + 1]); lines[count + 1] = str(n - 1)
first_vertex = count + 2
del lines[first_vertex + 4 * (n - 1):first_vertex + 4 * n]   # the repeated closing vertex (10/x/20/y)
cp = lines.index("$DWGCODEPAGE"); lines[cp + 2] = "ANSI_936"
open(sys.argv[2], "w", encoding="gbk", newline="").write("\n".join(lines))
PY
rm "$OUT"/cad.utf8.dxf

# CSV coordinate table: ogr2ogr's X/Y columns renamed 经度/纬度 as users label them, and the third
# row typed in degrees/minutes/seconds (108°30'15.2" 29°33'36", quoted because of the ").
ogr2ogr -f CSV -lco GEOMETRY=AS_XY "$OUT"/points.tmp.csv "$SRC"/points.geojson
sed -e '1s/^X,Y,/经度,纬度,/' \
    -e 's/^108.504222222222,29.56,/"108°30'"'"'15.2""","29°33'"'"'36""",/' \
    "$OUT"/points.tmp.csv > "$OUT"/points.csv
rm "$OUT"/points.tmp.csv
# The same table saved by Excel on a Chinese Windows ("CSV (逗号分隔)"): GBK bytes, no marker.
iconv -f UTF-8 -t GBK "$OUT"/points.csv > "$OUT"/points_gbk.csv
# The same table as an Excel workbook with numeric 经度/纬度 cells, sheet 项目点位.
ogr2ogr -f XLSX -nln 项目点位 -dialect SQLite \
    -sql "SELECT 名称, 行业, ST_X(geometry) AS 经度, ST_Y(geometry) AS 纬度 FROM points" \
    "$OUT"/points.xlsx "$SRC"/points.geojson
# A table with a WKT column (parcels as polygons).
ogr2ogr -f CSV -lco GEOMETRY=AS_WKT "$OUT"/sites_wkt.csv "$SRC"/sites.geojson

# Reference: the 临港化工园 first vertex in EPSG:4546, by pyproj (independent of GDAL's ogr2ogr run).
python3 - > "$OUT"/reference_4546.csv <<'PY'
import pyproj
t = pyproj.Transformer.from_crs("EPSG:4490", "EPSG:4546", always_xy=True)
lon, lat = 108.5312345678, 29.5512345678
x, y = t.transform(lon, lat)
print(f"# pyproj {pyproj.__version__}, PROJ {pyproj.proj_version_str}: "
      "Transformer.from_crs('EPSG:4490', 'EPSG:4546', always_xy=True); made by Tests/reference/make_gdal_fixtures.sh")
print("name,lon,lat,easting,northing")
print(f"临港化工园,{lon!r},{lat!r},{x:.6f},{y:.6f}")
PY
echo "fixtures written to $OUT"
