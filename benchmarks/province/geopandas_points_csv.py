#!/usr/bin/env python3
"""Point screening from files to a CSV, as a competent GIS engineer writes it in GeoPandas.

Usage:
    python geopandas_points_csv.py DATASET_DIR SITES.geojson OUT.csv [--piece-vertices N] [--timings]

The peer of `zonescreen screen SITES --dataset DIR --format csv` in benchmarks/province/end-to-end:
the whole job in one process, from the files to the answers written. The answers are those of
peers.py (the same columns as its CSV_HEADER), one row per point in the order of the input file:

  id,units,redLines,dMain,dImportant,dTributary,bands

units / redLines: the codes of the polygons the point lies in or on, sorted, joined by ';';
dMain / dImportant / dTributary: metres to the nearest bank line of each river class in the
measurement CRS (3 decimals; empty when the class has no line); bands: the rules.yaml
shorelineBands whose distance is reached (inclusive, d <= band) by one of its river classes,
sorted by id, joined by ';'.

Tuned as an expert would tune it (benchmarks/province/README.md, "End to end"):
  * layers (a GeoPackage's named layer too) and sites read with pyogrio (use_arrow=True when pyarrow is installed), only the
    columns needed, and projected once to the dataset's measurement CRS (dataset.yaml, EPSG:4546).
  * units and red lines: the plan of geopandas.sjoin(predicate="within"). GeoPandas answers
    "within" by building the STRtree on the *points* and querying it with each polygon,
    *prepared*: one indexed point-in-polygon structure per polygon. sjoin(predicate="intersects")
    builds the tree on the polygons and tests each point against an unprepared ~1,000-vertex
    polygon. Province, 100,000 points (best of 2, 2026-12-01): units 0.43 s with "within"
    against 3.47 s with "intersects"; red lines 0.18 s against 0.39 s.
    "within" leaves out a point lying exactly on a polygon's boundary (on a boundary shared by
    two units it would get no unit at all). So the same query is made directly with
    shapely.STRtree(points).query(polygons, predicate="intersects"): the same prepared plan and
    speed (0.43 s, 0.14 s; "contains" and "covers" the same), boundary points kept, as ZoneScreen
    and peers.py keep them.
  * shoreline distances: each bank line cut into pieces of at most PIECE_VERTICES vertices
    (pieces share their end vertices, so the nearest distance is unchanged), one STRtree per river
    class, and one vectorised STRtree.query_nearest(points, return_distance=True,
    all_matches=False) over all points at once. A whole bank line's envelope spans its river, so
    the tree cannot prune it; short pieces have tight envelopes. Province, the three classes, best
    of 2: pieces of <= 4 vertices 6.2 s, 8: 5.8 s, 16: 6.8 s, 32: 7.7 s, 64: 12.1 s, 256: ~40 s.
    The default is 8; --piece-vertices 32 gives the coarser cut.
  * bands, joins and the CSV with numpy / pandas column operations: no Python loop over sites.

It is the same plan as peers.py's GeoPandas peer (which sweeps the piece size and keeps the
fastest) plus reading the files and writing the CSV. end-to-end checks its CSV against peers.py's
geopandas-points.csv, ZoneScreen's CSV and PostGIS's (postgis_points_csv.py) with
check_points_csv.py.
"""
import sys
import time

T0 = time.perf_counter()

import numpy  # noqa: E402
import pandas  # noqa: E402
import geopandas  # noqa: E402
import pyogrio  # noqa: E402
import shapely  # noqa: E402
import yaml  # noqa: E402
from pathlib import Path  # noqa: E402

try:
    import pyarrow  # noqa: F401,E402
    USE_ARROW = True
except ImportError:
    USE_ARROW = False

RIVER_CLASSES = ["mainStream", "importantTributary", "tributary"]
DISTANCE_COLUMNS = ["dMain", "dImportant", "dTributary"]
MEASUREMENT_CRS = "EPSG:4546"  # replaced by dataset.yaml's measurement crs
PIECE_VERTICES = 8  # see the docstring: the fastest of 4..256 on the province
TIMINGS = []


def mark(label):
    TIMINGS.append((label, time.perf_counter()))


def read(path, columns, crs, layer=None):
    frame = pyogrio.read_dataframe(path, layer=layer, columns=columns, use_arrow=USE_ARROW)
    # The layers' CRS is the dataset's (dataset.yaml crs), whatever the file says.
    return frame.set_crs(crs, allow_override=True).to_crs(MEASUREMENT_CRS)


def codes_per_site(points, zones, code_field, site_count):
    """';'-joined sorted codes of the zones each point lies in or on, one string per site."""
    # STRtree on the points, each polygon prepared once and asked for the points it intersects:
    # sjoin(predicate="within")'s plan, with intersects so that boundary points count (docstring).
    tree = shapely.STRtree(points)
    zone_rows, site_rows = tree.query(zones.geometry.values, predicate="intersects")
    pairs = pandas.DataFrame({"site": site_rows, "code": zones[code_field].to_numpy()[zone_rows]})
    pairs = pairs.sort_values(["site", "code"], kind="stable")
    first = ~pairs["site"].duplicated(keep="first").to_numpy()
    if first.all():  # at most one zone per site: no join needed
        joined = pandas.Series(pairs["code"].to_numpy(), index=pairs["site"].to_numpy())
    else:
        joined = pairs.groupby("site", sort=True)["code"].agg(";".join)
    return joined.reindex(range(site_count), fill_value="").to_numpy()


def bank_line_pieces(lines):
    """Bank lines cut into linestrings of at most PIECE_VERTICES vertices (sharing end vertices)."""
    coordinates, line_index = shapely.get_coordinates(lines, return_index=True)
    counts = numpy.bincount(line_index, minlength=len(lines))
    step = PIECE_VERTICES - 1
    pieces = []
    offset = 0
    for count in counts:  # a few dozen lines: the loop is over lines, not sites
        starts = numpy.arange(0, max(count - 1, 1), step)
        ends = numpy.minimum(starts + PIECE_VERTICES, count)
        # Vertex k of piece j is coordinates[offset + starts[j] + k], for k < ends[j] - starts[j].
        sizes = ends - starts
        piece_of_vertex = numpy.repeat(numpy.arange(len(starts)), sizes)
        within_piece = numpy.arange(sizes.sum()) - numpy.repeat(numpy.cumsum(sizes) - sizes, sizes)
        vertices = coordinates[offset + starts[piece_of_vertex] + within_piece]
        pieces.append(shapely.linestrings(vertices, indices=piece_of_vertex))
        offset += count
    return numpy.concatenate(pieces) if pieces else numpy.array([], dtype=object)


def main():
    global MEASUREMENT_CRS, PIECE_VERTICES
    args = [argument for argument in sys.argv[1:] if argument != "--timings"]
    if "--piece-vertices" in args:
        at = args.index("--piece-vertices")
        PIECE_VERTICES = int(args[at + 1])
        del args[at:at + 2]
    if len(args) != 3 or PIECE_VERTICES < 2:
        sys.exit(__doc__.split("\n\n")[1])
    folder, sites_path, out_path = Path(args[0]), args[1], args[2]

    manifest = yaml.safe_load((folder / "dataset.yaml").read_text(encoding="utf-8"))
    rules = yaml.safe_load((folder / manifest["rules"]).read_text(encoding="utf-8"))
    layers = manifest["layers"]
    source_crs = manifest.get("crs", "EPSG:4490")
    MEASUREMENT_CRS = manifest["measurement"]["crs"]
    units_layer, redlines_layer, shorelines_layer = (layers["controlUnits"], layers["redLines"],
                                                     layers["shorelines"])
    units_code, redlines_code = units_layer["fields"]["code"], redlines_layer["fields"]["code"]
    class_field = shorelines_layer["fields"]["class"]
    river_class_of = shorelines_layer["classValues"]  # layer value (干流 ...) -> mainStream ...
    bands = sorted(rules.get("shorelineBands") or [], key=lambda band: band["id"])
    mark("imports and YAML")

    units = read(folder / units_layer["file"], [units_code], source_crs, units_layer.get("layer"))
    redlines = read(folder / redlines_layer["file"], [redlines_code], source_crs, redlines_layer.get("layer"))
    shorelines = read(folder / shorelines_layer["file"], [class_field], source_crs, shorelines_layer.get("layer"))
    mark("read and project layers")
    sites = read(sites_path, ["id"], source_crs)
    points = sites.geometry.values
    site_count = len(sites)
    mark("read and project sites")

    result = pandas.DataFrame({"id": sites["id"].astype(str).to_numpy()})
    result["units"] = codes_per_site(points, units, units_code, site_count)
    mark("units")
    result["redLines"] = codes_per_site(points, redlines, redlines_code, site_count)
    mark("red lines")

    river_class = shorelines[class_field].map(river_class_of).to_numpy()
    nearest = {}
    for river, column in zip(RIVER_CLASSES, DISTANCE_COLUMNS):
        lines = shorelines.geometry.values[river_class == river]
        if len(lines) == 0:
            nearest[river] = numpy.full(site_count, numpy.inf)
            result[column] = numpy.nan
            continue
        tree = shapely.STRtree(bank_line_pieces(numpy.asarray(lines)))
        (site_rows, _), distances = tree.query_nearest(points, return_distance=True, all_matches=False)
        per_site = numpy.full(site_count, numpy.inf)
        per_site[site_rows] = distances
        nearest[river] = per_site
        result[column] = numpy.where(numpy.isinf(per_site), numpy.nan, per_site)
    mark("shoreline distances")

    band_text = pandas.Series("", index=result.index, dtype=object)
    for band in bands:  # a handful of rules, sorted by id: each site's list comes out sorted
        reached = numpy.min([nearest[river] for river in band["rivers"]], axis=0) <= float(band["distance"])
        band_text = band_text + numpy.where(reached, band["id"] + ";", "")
    result["bands"] = band_text.str.rstrip(";")
    mark("bands")

    result.to_csv(out_path, index=False, float_format="%.3f", na_rep="", lineterminator="\n")
    mark("write CSV")

    if "--timings" in sys.argv:
        previous = T0
        for label, moment in TIMINGS:
            print(f"{label:<24} {moment - previous:7.3f} s", file=sys.stderr)
            previous = moment
        print(f"{'total (after start-up)':<24} {previous - T0:7.3f} s; pyarrow {USE_ARROW}", file=sys.stderr)


if __name__ == "__main__":
    main()
