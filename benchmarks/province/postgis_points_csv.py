#!/usr/bin/env python3
"""Point screening from a file to a CSV against a PostGIS server that has the zoning loaded.

Usage:
    python postgis_points_csv.py --port PORT DATASET_DIR SITES.geojson OUT.csv [--host H] [--user U]
        [--dbname D] [--pieces TABLE] [--timings]

The PostGIS peer of `zonescreen screen SITES --format csv` in benchmarks/province/end-to-end. The
server is a GIS team's: the zoning tables units, redlines, the units ST_Subdivide'd for point lookups
(units_pieces_256) and the ST_Subdivide'd bank lines (default table shoreline_pieces_64), projected to the measurement CRS and GiST-indexed, as
`peers.py --serve-zoning` leaves them. This process does the rest, as an expert would:

  1. reads the sites with pyogrio.read_arrow (GDAL's GeoJSON reader into Arrow; no GeoPandas),
  2. COPYs id and hex WKB into a TEMP table (one text buffer, no row-by-row inserts),
  3. runs peers.py's one SELECT (postgis_sql.py) inside COPY (...) TO STDOUT (FORMAT csv, HEADER)
     and streams it into OUT.csv.

Its CSV has geopandas_points_csv.py's columns: id,units,redLines,dMain,dImportant,dTributary,bands.
DATASET_DIR gives dataset.yaml (CRS, measurement CRS) and rules.yaml (shorelineBands).
"""
import argparse
import sys
import time

T0 = time.perf_counter()

from pathlib import Path  # noqa: E402

import psycopg  # noqa: E402
import pyogrio  # noqa: E402
import yaml  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from postgis_sql import screening_select  # noqa: E402

TIMINGS = []


def mark(label):
    TIMINGS.append((label, time.perf_counter()))


def epsg(crs):
    """'EPSG:4546' -> 4546."""
    return int(str(crs).split(":")[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dataset")
    parser.add_argument("sites")
    parser.add_argument("out")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--user", default="postgres")
    parser.add_argument("--dbname", default="postgres")
    parser.add_argument("--pieces", default="shoreline_pieces_64", help="the table of bank-line pieces")
    parser.add_argument("--units", default="units_pieces_256", help="the units table points are looked up in")
    parser.add_argument("--timings", action="store_true", help="print the phases to stderr")
    parser.add_argument("--backend-memory", metavar="FILE",
                        help="write the server backend's peak RSS in kB (VmHWM, from /proc: a local server "
                             "only) to FILE before disconnecting; end-to-end reports it")
    arguments = parser.parse_args()

    folder = Path(arguments.dataset)
    manifest = yaml.safe_load((folder / "dataset.yaml").read_text(encoding="utf-8"))
    rules = yaml.safe_load((folder / manifest["rules"]).read_text(encoding="utf-8"))
    bands = sorted(({"id": band["id"], "distance": float(band["distance"]), "rivers": list(band["rivers"])}
                    for band in rules.get("shorelineBands") or []), key=lambda band: band["id"])
    source_crs = epsg(manifest.get("crs", "EPSG:4490"))
    metric_crs = epsg(manifest["measurement"]["crs"])
    mark("imports and YAML")

    _, table = pyogrio.read_arrow(arguments.sites, columns=["id"])
    geometry = next(name for name in table.column_names if name != "id")
    ids = [str(value) for value in table.column("id").to_pylist()]
    wkb = table.column(geometry).to_pylist()
    # COPY text: ord, id (escaped for COPY's text format), hex WKB (PostGIS parses it).
    text = "".join(f"{row}\t{site_id.translate(COPY_ESCAPES)}\t{geometry_bytes.hex()}\n"
                   for row, (site_id, geometry_bytes) in enumerate(zip(ids, wkb)))
    mark("read sites")

    with psycopg.connect(host=arguments.host, port=arguments.port, user=arguments.user, dbname=arguments.dbname,
                         autocommit=True) as connection:
        connection.execute("CREATE TEMP TABLE sites (ord integer, id text, geom geometry)")
        with connection.cursor().copy("COPY sites (ord, id, geom) FROM STDIN") as copy:
            copy.write(text)
        mark("COPY sites in")
        select = screening_select(bands, "sites", arguments.pieces, metric_crs, csv=True,
                                  site_geometry=f"ST_SetSRID(geom, {source_crs})", point_units=arguments.units)
        with open(arguments.out, "wb") as out:
            with connection.cursor().copy(f"COPY ({select}) TO STDOUT WITH (FORMAT csv, HEADER)") as copy:
                for block in copy:
                    out.write(block)
        mark("query and COPY out to the CSV")
        if arguments.backend_memory:
            backend = connection.execute("SELECT pg_backend_pid()").fetchone()[0]
            status = Path(f"/proc/{backend}/status").read_text()
            peak = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))
            Path(arguments.backend_memory).write_text(peak + "\n")

    if arguments.timings:
        previous = T0
        for label, moment in TIMINGS:
            print(f"{label:<32} {moment - previous:7.3f} s", file=sys.stderr)
            previous = moment


COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})

if __name__ == "__main__":
    main()
