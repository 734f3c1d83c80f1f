#!/usr/bin/env bash
# Writes three demo sites (S01 a point, S04 a parcel across two units, S20 a parcel in a red line) in
# the formats planners bring, with the tools they use, so the CLI tests can screen each file and
# compare with Fixtures/demo/expected.csv. Run from the repository root:
#   bash Tests/reference/make_demo_format_fixtures.sh
set -euo pipefail
out=Fixtures/gdal/demo
src=$(mktemp --suffix=.geojson)
trap 'rm -f "$src"' EXIT
rm -rf "$out" && mkdir -p "$out"
python3 - "$src" <<'PY'
import json, sys
sites = json.load(open("Fixtures/demo/sites.geojson"))
keep = [f for f in sites["features"] if f["properties"]["id"] in ("S01", "S04", "S20")]
for f in keep:
    p = f["properties"]
    f["properties"] = {"id": p["id"], "name": p["name"], "industry": p.get("industry"), "nature": p.get("nature")}
json.dump({"type": "FeatureCollection", "features": keep}, open(sys.argv[1], "w"), ensure_ascii=False)
PY
# Shapefiles hold one geometry type each: the parcels as polygons, in GBK as Chinese GIS software writes them.
ogr2ogr -f "ESRI Shapefile" -lco ENCODING=GBK -where "id <> 'S01'" "$out/parcels_gbk.shp" "$src"
# The same Shapefile zipped with its companion files, as it is mailed or uploaded.
(cd "$out" && python3 -c "import zipfile, glob; z = zipfile.ZipFile('parcels_gbk_shapefile.zip', 'w'); [z.write(f) for f in sorted(glob.glob('parcels_gbk.*'))]; z.close()")
ogr2ogr -f KML "$out/sites.kml" "$src"
ogr2ogr -f GPKG "$out/sites.gpkg" "$src"
ogr2ogr -f CSV "$out/parcels_wkt.csv" -where "id <> 'S01'" -lco GEOMETRY=AS_WKT "$src"
# The XLSX driver writes no geometry column, so the Excel table is made from the CSV: a WKT column.
ogr2ogr -f XLSX "$out/parcels.xlsx" "$out/parcels_wkt.csv"
# DXF as CAD users draw parcels: closed polylines.
ogr2ogr -f DXF -nlt LINESTRING -where "id <> 'S01'" "$out/parcels.dxf" "$src"
ls -la "$out"
