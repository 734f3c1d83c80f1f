#!/usr/bin/env python3
"""The province benchmark's peers: the same screening workload in GeoPandas and in PostGIS 3.

Usage:
    python3 benchmarks/province/peers.py --dataset .build-province/province \
        --out .build-province/results/province [--only geopandas|postgis] [--rounds 3]

Writes into --out: geopandas-points.csv, geopandas-parcels.csv, postgis-points.csv,
postgis-parcels.csv and peers-figures.json ({"tools": [GeoPandas, PostGIS]}). With --only, the
other tool's entry already in peers-figures.json is kept.

Bootstrap: run it with any python3. It creates or completes the venv .venv-bench at the repository
root and restarts itself inside it. For PostGIS it installs postgresql-15 and
postgresql-15-postgis-3 with apt-get when they are missing. It runs a private cluster in
.build-province/postgis/ that listens on 127.0.0.1 only, and stops it on exit, even after a failure.

The workload (the same for ZoneScreen, GeoPandas and PostGIS; metric CRS EPSG:4546, planar m and m²):
  points   per point: unit codes and red-line codes whose polygon intersects it; the distance to
           the nearest 干流, 重要支流 and 支流 bank line; the shorelineBands rules of rules.yaml
           whose distance (inclusive) is reached by the nearest bank line of one of its river classes.
  parcels  the same per polygon. Units and red lines carry the overlap area (code=m², only area > 0).
           Distances are polygon-to-line (0 when the parcel touches or crosses the line).
Timed: from the sites in memory in EPSG:4490 to the answers in memory, one per site. The sites'
projection to EPSG:4546 is inside the timed section. Untimed, reported apart: "load" (reading and
projecting the zoning layers) and "indexBuild" (spatial indexes). Each timed workload runs --rounds
times; the best round is kept.

GeoPandas (one process): sjoin(predicate="intersects") for units and red lines; for parcels the
overlap areas come from one vectorised shapely.intersection over the sjoin pairs (on the province
this was a little faster than geopandas.overlay: 1.05 s against 1.11 s for units, 0.18 s against
0.23 s for red lines; --parcel-areas overlay selects it); sjoin_nearest(distance_col=...) against the
bank lines of each river class. The bank lines are whole, as the file has them. A second figure,
variant "cutBankLines", repeats the workload after the lines are cut into pieces of at most 256
vertices, as PostGIS gets them from ST_Subdivide.

PostGIS (one SELECT per workload, max_parallel_workers_per_gather = 0): the sites are transformed
with ST_Transform in a MATERIALIZED CTE, then LATERAL subqueries: ST_Intersects on the GiST-indexed
units and red lines (with ST_Area(ST_Intersection(...)) for parcels), and for each river class
ORDER BY geom <-> site LIMIT 1 over the ST_Subdivide'd bank lines, with ST_Distance for the value.
With --postgis-connections 2 the same statement also runs over two sessions at once, each with half
the sites (the "all cores" figure, threads = 2).
"""
import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
VENV = ROOT / ".venv-bench"
VENV_PACKAGES = ["numpy", "pandas", "shapely>=2", "pyproj", "pyogrio", "geopandas>=1", "pyyaml",
                 "psycopg[binary]>=3"]
APT_PACKAGES = ["postgresql-15", "postgresql-15-postgis-3"]
PG_BIN = Path("/usr/lib/postgresql/15/bin")
METRIC_CRS = 4546
SOURCE_CRS = 4490
# The dataset's river classes (dataset.yaml classValues map the layer's own values onto these).
RIVER_CLASSES = ["mainStream", "importantTributary", "tributary"]
CSV_HEADER = "id,units,redLines,dMain,dImportant,dTributary,bands"

T0 = time.time()


def log(message):
    print(f"[{time.time() - T0:7.1f} s] {message}", flush=True)


# ----------------------------------------------------------------------------------------- bootstrap
def ensure_venv():
    """Restart inside .venv-bench, creating it or installing what it lacks first (stdlib only here)."""
    python = VENV / "bin" / "python"
    if Path(sys.prefix).resolve() != VENV.resolve():
        if not python.exists():
            log(f"creating {VENV}")
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        os.execv(str(python), [str(python), str(Path(__file__).resolve()), *sys.argv[1:]])
    try:
        import geopandas, numpy, pandas, psycopg, pyogrio, pyproj, shapely, yaml  # noqa: F401
    except ImportError as error:
        if os.environ.get("PEERS_PIP_DONE"):
            sys.exit(f"peers: {error} even after pip install; see the pip output above")
        log(f"{error}: installing {' '.join(VENV_PACKAGES)} into {VENV}")
        subprocess.run([str(python), "-m", "pip", "install", "-q", *VENV_PACKAGES], check=True)
        os.environ["PEERS_PIP_DONE"] = "1"  # one attempt only: no restart loop when pip cannot help
        os.execv(str(python), [str(python), str(Path(__file__).resolve()), *sys.argv[1:]])


def ensure_apt_packages():
    """Install PostgreSQL 15 and PostGIS 3 with apt-get when missing; silent when present."""
    def installed(package):
        status = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package],
                                capture_output=True, text=True).stdout
        return "install ok installed" in status

    missing = [package for package in APT_PACKAGES if not installed(package)]
    if not missing:
        return
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    log(f"installing {' '.join(missing)} with apt-get")
    environment = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in (["apt-get", "update", "-qq"],
                    ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing]):
        done = subprocess.run(sudo + command, env=environment, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"peers: {' '.join(command)} failed:\n{done.stdout}{done.stderr}")


if __name__ == "__main__":
    ensure_venv()  # before the imports below: they exist only inside .venv-bench

import geopandas  # noqa: E402
import numpy  # noqa: E402
import pandas  # noqa: E402
import psycopg  # noqa: E402
import pyogrio  # noqa: E402
import pyproj  # noqa: E402
import shapely  # noqa: E402
import yaml  # noqa: E402


# ------------------------------------------------------------------------------------------ dataset
class Dataset:
    """Paths, field names and shoreline rules of a generated dataset (see make_province.py)."""

    def __init__(self, folder):
        self.folder = Path(folder)
        manifest = yaml.safe_load((self.folder / "dataset.yaml").read_text(encoding="utf-8"))
        layers = manifest["layers"]
        self.units_file = self.folder / layers["controlUnits"]["file"]
        self.units_code = layers["controlUnits"]["fields"]["code"]
        self.redlines_file = self.folder / layers["redLines"]["file"]
        self.redlines_code = layers["redLines"]["fields"]["code"]
        self.shorelines_file = self.folder / layers["shorelines"]["file"]
        self.shorelines_class = layers["shorelines"]["fields"]["class"]
        # layer value (干流 ...) -> river class (mainStream ...)
        self.river_class_of = layers["shorelines"]["classValues"]
        rules = yaml.safe_load((self.folder / manifest["rules"]).read_text(encoding="utf-8"))
        # Sorted by id, so a site's band list comes out sorted whichever tool computes it.
        self.bands = sorted(({"id": band["id"], "distance": float(band["distance"]),
                              "rivers": list(band["rivers"])} for band in rules["shorelineBands"]),
                            key=lambda band: band["id"])
        self.points_file = self.folder / "sites_points.geojson"
        self.parcels_file = self.folder / "sites_parcels.geojson"


def read_sites(path):
    """Sites in input order, in EPSG:4490, with a 0..n-1 index (the answers' row numbers)."""
    sites = geopandas.read_file(path, columns=["id"])
    sites = sites.set_crs(SOURCE_CRS, allow_override=True).reset_index(drop=True)
    return sites[["id", "geometry"]]


# ------------------------------------------------------------------------------------------ answers
class Answers:
    """One tool's answers for one site file, one entry per site in input order.

    units / redLines: a sorted list of codes (points) or of (code, m²) pairs (parcels) per site;
    distances: river class -> float or None per site; bands: sorted rule ids per site.
    """

    def __init__(self, ids, units, redlines, distances, bands):
        self.ids, self.units, self.redlines = ids, units, redlines
        self.distances, self.bands = distances, bands

    def write_csv(self, path):
        def zone_field(items):
            return ";".join(item if isinstance(item, str) else f"{item[0]}={item[1]:.3f}"
                            for item in items)

        def distance_field(value):
            return "" if value is None else f"{value:.3f}"

        lines = [CSV_HEADER]
        for row, site_id in enumerate(self.ids):
            fields = [site_id, zone_field(self.units[row]), zone_field(self.redlines[row])]
            fields += [distance_field(self.distances[river][row]) for river in RIVER_CLASSES]
            fields.append(";".join(self.bands[row]))
            lines.append(",".join(fields))
        Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


def figure(name, threads, sites, seconds):
    return {"name": name, "threads": threads, "sites": sites, "seconds": round(seconds, 6),
            "sitesPerSecond": round(sites / seconds, 1), "nsPerSite": round(seconds / sites * 1e9)}


def best_of(rounds, label, run):
    """Runs `run` `rounds` times; returns (best seconds, the last round's result)."""
    best, result = float("inf"), None
    for round_number in range(1, rounds + 1):
        started = time.perf_counter()
        result = run()
        seconds = time.perf_counter() - started
        best = min(best, seconds)
        log(f"  {label} round {round_number}: {seconds:.3f} s")
    return best, result


# ---------------------------------------------------------------------------------------- GeoPandas
class GeoPandasPeer:
    """The workload as a GIS analyst writes it in GeoPandas: sjoin, sjoin_nearest, vectorised shapely."""

    name = "geopandas"

    def __init__(self, dataset, parcel_areas):
        self.dataset = dataset
        # "pairs": shapely.intersection on the sjoin pairs; "overlay": geopandas.overlay.
        self.parcel_areas = parcel_areas

    def versions(self):
        return {"python": sys.version.split()[0], "geopandas": geopandas.__version__,
                "shapely": shapely.__version__, "GEOS": shapely.geos_version_string,
                "pyproj": pyproj.__version__, "PROJ": pyproj.proj_version_str,
                "pandas": pandas.__version__, "numpy": numpy.__version__, "pyogrio": pyogrio.__version__}

    def load(self):
        dataset = self.dataset

        def layer(path, columns):
            frame = geopandas.read_file(path, columns=columns)
            return frame.set_crs(SOURCE_CRS, allow_override=True).to_crs(METRIC_CRS)

        units = layer(dataset.units_file, [dataset.units_code])
        self.units = units.rename(columns={dataset.units_code: "code"})[["code", "geometry"]]
        redlines = layer(dataset.redlines_file, [dataset.redlines_code])
        self.redlines = redlines.rename(columns={dataset.redlines_code: "code"})[["code", "geometry"]]
        shorelines = layer(dataset.shorelines_file, [dataset.shorelines_class])
        river_class = shorelines[dataset.shorelines_class].map(dataset.river_class_of)
        # One frame per river class, each with its own index: sjoin_nearest needs the class's own
        # nearest line, not the nearest line of any class.
        self.shorelines = {river: shorelines.loc[river_class == river, ["geometry"]].reset_index(drop=True)
                           for river in RIVER_CLASSES}

    def build_indexes(self):
        # .sindex is built lazily and cached on the frame: touching it here builds the STRtrees
        # that sjoin and sjoin_nearest use later (they query the right frame's index).
        for frame in [self.units, self.redlines, *self.shorelines.values()]:
            if not frame.empty:
                frame.sindex.query(frame.geometry.iloc[0])  # first query completes the lazy build
        return None  # an STRtree's memory is not exposed

    def cut_bank_lines(self, max_vertices):
        """Replace each bank line by pieces of at most `max_vertices` vertices, as ST_Subdivide does
        for PostGIS, and index the pieces. Returns the number of pieces.

        A whole bank line has one envelope as large as its river, so the STRtree cannot prune it and
        sjoin_nearest measures every segment of every line of the class for each site. The pieces
        share their end vertices, so the nearest distance is exactly the same.
        """
        pieces_total = 0
        for river, lines in self.shorelines.items():
            pieces = []
            for line in lines.geometry:
                coordinates = shapely.get_coordinates(line)
                for start in range(0, len(coordinates) - 1, max_vertices - 1):
                    pieces.append(shapely.linestrings(coordinates[start:start + max_vertices]))
            cut = geopandas.GeoDataFrame(geometry=pieces, crs=lines.crs)
            if not cut.empty:
                cut.sindex.query(cut.geometry.iloc[0])
            self.shorelines[river] = cut
            pieces_total += len(cut)
        return pieces_total

    def screen_points(self, sites):
        points = sites.to_crs(METRIC_CRS)
        units = self._codes(geopandas.sjoin(points, self.units, predicate="intersects"), len(points))
        redlines = self._codes(geopandas.sjoin(points, self.redlines, predicate="intersects"), len(points))
        distances = self._distances(points)
        return Answers(list(points["id"]), units, redlines, distances, self._bands(distances))

    def screen_parcels(self, sites):
        parcels = sites.to_crs(METRIC_CRS)
        overlap = self._overlap_pairs if self.parcel_areas == "pairs" else self._overlap_overlay
        units = overlap(parcels, self.units)
        redlines = overlap(parcels, self.redlines)
        distances = self._distances(parcels)
        return Answers(list(parcels["id"]), units, redlines, distances, self._bands(distances))

    @staticmethod
    def _codes(joined, site_count):
        """sjoin result (index = site row, column code) -> sorted code list per site."""
        grouped = joined.groupby(level=0)["code"].agg(sorted)
        per_site = [[] for _ in range(site_count)]
        for row, codes in zip(grouped.index, grouped.values):
            per_site[row] = codes
        return per_site

    @staticmethod
    def _area_lists(rows, codes, areas, site_count):
        """(site row, zone code, m²) triples with area > 0 -> sorted (code, m²) list per site."""
        frame = pandas.DataFrame({"row": rows, "code": codes, "area": areas})
        frame = frame[frame["area"] > 0].sort_values(["row", "code"])
        per_site = [[] for _ in range(site_count)]
        for row, code, area in zip(frame["row"].to_numpy(), frame["code"].to_numpy(), frame["area"].to_numpy()):
            per_site[row].append((code, float(area)))
        return per_site

    def _overlap_pairs(self, parcels, zones):
        """Overlap areas: sjoin finds the candidate pairs, one vectorised shapely.intersection cuts them."""
        pairs = geopandas.sjoin(parcels, zones, predicate="intersects")
        parcel_rows = pairs.index.to_numpy()
        zone_rows = pairs["index_right"].to_numpy()
        pieces = shapely.intersection(parcels.geometry.values[parcel_rows], zones.geometry.values[zone_rows])
        return self._area_lists(parcel_rows, zones["code"].to_numpy()[zone_rows], shapely.area(pieces),
                                len(parcels))

    def _overlap_overlay(self, parcels, zones):
        """Overlap areas with geopandas.overlay(how="intersection")."""
        with_rows = parcels.assign(row=range(len(parcels)))[["row", "geometry"]]
        pieces = geopandas.overlay(with_rows, zones, how="intersection", keep_geom_type=True)
        return self._area_lists(pieces["row"].to_numpy(), pieces["code"].to_numpy(),
                                pieces.geometry.area.to_numpy(), len(parcels))

    def _distances(self, sites):
        """Distance to the nearest bank line of each river class (None when the class has no line)."""
        distances = {}
        for river in RIVER_CLASSES:
            lines = self.shorelines[river]
            if lines.empty:
                distances[river] = [None] * len(sites)
                continue
            nearest = geopandas.sjoin_nearest(sites[["geometry"]], lines, distance_col="distance")
            # Equidistant lines give one row each: keep one distance per site.
            per_site = nearest.groupby(level=0)["distance"].min().reindex(range(len(sites)))
            distances[river] = per_site.tolist()
        return distances

    def _bands(self, distances):
        """Per site, the shorelineBands rules reached by the nearest bank line of one of their classes."""
        site_count = len(distances[RIVER_CLASSES[0]])
        as_arrays = {river: numpy.array([numpy.inf if d is None else d for d in values], dtype=float)
                     for river, values in distances.items()}
        per_site = [[] for _ in range(site_count)]
        for band in self.dataset.bands:  # sorted by id, so each site's list comes out sorted
            nearest = numpy.min([as_arrays[river] for river in band["rivers"]], axis=0)
            for row in numpy.flatnonzero(nearest <= band["distance"]):
                per_site[row].append(band["id"])
        return per_site


# ------------------------------------------------------------------------------------------ PostGIS
class PrivateCluster:
    """A throw-away PostgreSQL 15 cluster in `folder`, on 127.0.0.1 only, stopped by stop()."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.data = self.folder / "data"
        self.port = None
        self.running = False

    def _as_owner(self, command):
        # initdb refuses to run as root: as root, the cluster belongs to the postgres OS user.
        return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command

    def start(self):
        if (self.data / "postmaster.pid").exists():
            # A cluster left running by a run that was killed outright (SIGKILL): stop it first.
            subprocess.run(self._as_owner([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                                           "-w", "stop"]), capture_output=True)
        if self.folder.exists():
            shutil.rmtree(self.folder)
        self.folder.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        subprocess.run(self._as_owner([str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres",
                                       "--auth=trust", "--encoding=UTF8", "--locale=C"]),
                       check=True, capture_output=True)
        with socket.socket() as probe:  # a free port: bind to 0, read it back, release it
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        settings = {
            "listen_addresses": "127.0.0.1",
            "port": self.port,
            "unix_socket_directories": "''",   # TCP on 127.0.0.1 only
            "shared_buffers": "2GB",           # the province's layers stay in memory
            "work_mem": "256MB",
            "maintenance_work_mem": "1GB",     # GiST builds
        }
        options = " ".join(f"-c {key}={value}" for key, value in settings.items())
        subprocess.run(self._as_owner([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l",
                                       str(self.folder / "server.log"), "-o", options, "-w", "start"]),
                       check=True, capture_output=True)
        self.running = True
        log(f"PostgreSQL cluster started in {self.folder} on 127.0.0.1:{self.port}")

    def stop(self):
        if not self.running:
            return
        subprocess.run(self._as_owner([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w",
                                       "stop"]), capture_output=True)
        self.running = False
        log("PostgreSQL cluster stopped")

    def connect(self):
        return psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres",
                               autocommit=True)


class PostGISPeer:
    """The workload as a GIS team writes it in PostGIS: GiST indexes, ST_Intersects, KNN with <->."""

    name = "postgis"
    # ST_Subdivide's default: pieces of at most 256 vertices. A 1,600-vertex bank line has one box
    # as large as the river; cut, the KNN index walks small boxes and ST_Distance sees few vertices.
    SUBDIVIDE_VERTICES = 256

    def __init__(self, dataset, cluster, connections):
        self.dataset = dataset
        self.cluster = cluster
        self.connections = connections  # >1 adds an "all cores" figure: the sites split across sessions
        self.database = None

    def versions(self):
        row = self.database.execute("SELECT version(), current_setting('server_version'), "
                                    "postgis_full_version()").fetchone()
        return {"PostgreSQL": row[1], "PostgreSQL build": row[0], "PostGIS": row[2],
                "psycopg": psycopg.__version__, "libpq": str(psycopg.pq.version())}

    def start(self):
        self.cluster.start()
        self.database = self.cluster.connect()
        self.database.execute("CREATE EXTENSION postgis")

    def _copy_geometries(self, table, frame, columns):
        """COPY attribute columns and EWKB (SRID 4490) into `table`; COPY parses hex EWKB itself."""
        geometries = shapely.to_wkb(shapely.set_srid(frame.geometry.values, SOURCE_CRS), hex=True,
                                    include_srid=True)
        with self.database.cursor() as cursor:
            with cursor.copy(f"COPY {table} ({', '.join(columns)}, geom) FROM STDIN") as copy:
                for values in zip(*(frame[column].tolist() for column in columns), geometries):
                    copy.write_row(values)

    def load(self):
        """Read the layers, COPY them in as EPSG:4490 and let PostGIS project them to EPSG:4546."""
        dataset, database = self.dataset, self.database
        staging = [
            ("units", dataset.units_file, dataset.units_code),
            ("redlines", dataset.redlines_file, dataset.redlines_code),
            ("shorelines", dataset.shorelines_file, dataset.shorelines_class),
        ]
        for table, path, field in staging:
            frame = geopandas.read_file(path, columns=[field]).rename(columns={field: "code"})
            if table == "shorelines":
                frame["code"] = frame["code"].map(dataset.river_class_of)
            database.execute(f"CREATE TABLE {table}_4490 (code text, geom geometry(Geometry, {SOURCE_CRS}))")
            self._copy_geometries(f"{table}_4490", frame, ["code"])
        database.execute(f"CREATE TABLE units AS SELECT code, ST_Transform(geom, {METRIC_CRS})::geometry(MultiPolygon, {METRIC_CRS}) AS geom "
                         "FROM (SELECT code, ST_Multi(geom) AS geom FROM units_4490) AS source")
        database.execute(f"CREATE TABLE redlines AS SELECT code, ST_Transform(geom, {METRIC_CRS})::geometry(MultiPolygon, {METRIC_CRS}) AS geom "
                         "FROM (SELECT code, ST_Multi(geom) AS geom FROM redlines_4490) AS source")
        database.execute(f"CREATE TABLE shorelines (river text, geom geometry(LineString, {METRIC_CRS}))")
        database.execute(f"INSERT INTO shorelines SELECT code, ST_Transform(geom, {METRIC_CRS}) FROM shorelines_4490")
        for table, _, _ in staging:
            database.execute(f"DROP TABLE {table}_4490")

    def build_indexes(self):
        """Cut the bank lines for KNN, build GiST indexes, ANALYZE. Returns the indexes' bytes."""
        database = self.database
        database.execute(f"CREATE TABLE shoreline_pieces AS SELECT river, ST_Subdivide(geom, {self.SUBDIVIDE_VERTICES}) AS geom "
                         "FROM shorelines")
        database.execute("CREATE INDEX units_geom ON units USING gist (geom)")
        database.execute("CREATE INDEX redlines_geom ON redlines USING gist (geom)")
        # One partial index per river class: the KNN scan of one class walks only that class's pieces.
        for river in RIVER_CLASSES:
            database.execute(f"CREATE INDEX shoreline_pieces_{river}_geom ON shoreline_pieces USING gist (geom) "
                             f"WHERE river = '{river}'")
        database.execute("ANALYZE units; ANALYZE redlines; ANALYZE shoreline_pieces")
        pieces = database.execute("SELECT count(*) FROM shoreline_pieces").fetchone()[0]
        log(f"  {pieces} shoreline pieces after ST_Subdivide(geom, {self.SUBDIVIDE_VERTICES})")
        return database.execute("SELECT sum(pg_relation_size(indexrelid))::bigint FROM pg_index "
                                "WHERE indrelid IN ('units'::regclass, 'redlines'::regclass, "
                                "'shoreline_pieces'::regclass)").fetchone()[0]

    def load_sites(self, table, sites):
        """Untimed: the sites as they arrive, in EPSG:4490, with their input position `ord`."""
        self.database.execute(f"CREATE TABLE {table} (ord integer, id text, geom geometry(Geometry, {SOURCE_CRS}))")
        self._copy_geometries(table, sites.assign(ord=range(len(sites))), ["ord", "id"])
        self.database.execute(f"CREATE INDEX ON {table} (ord); ANALYZE {table}")

    def _statement(self, table, with_areas):
        """One SELECT returning every answer, one row per site in input order."""
        def zones(zone_table):
            if with_areas:
                # Touching-only zones intersect with area 0: the answer lists overlaps (area > 0).
                return (f"LEFT JOIN LATERAL (SELECT array_agg(code ORDER BY code) AS codes, "
                        f"array_agg(area ORDER BY code) AS areas FROM ("
                        f"SELECT z.code, ST_Area(ST_Intersection(z.geom, s.geom)) AS area FROM {zone_table} z "
                        f"WHERE ST_Intersects(z.geom, s.geom)) AS zone_overlaps WHERE area > 0) AS {zone_table}_hit ON true")
            return (f"LEFT JOIN LATERAL (SELECT array_agg(z.code ORDER BY z.code) AS codes, NULL::float8[] AS areas "
                    f"FROM {zone_table} z WHERE ST_Intersects(z.geom, s.geom)) AS {zone_table}_hit ON true")

        def nearest(river):
            # KNN: the index orders pieces by true distance (<->); ST_Distance gives the value.
            return (f"LEFT JOIN LATERAL (SELECT ST_Distance(p.geom, s.geom) AS distance FROM shoreline_pieces p "
                    f"WHERE p.river = '{river}' ORDER BY p.geom <-> s.geom LIMIT 1) AS {river}_near ON true")

        def band(rule):
            # LEAST ignores NULLs: a class without bank lines never reaches the band.
            rivers = ", ".join(f"{river}_near.distance" for river in rule["rivers"])
            return f"CASE WHEN LEAST({rivers}) <= {rule['distance']!r} THEN '{rule['id']}' END"

        bands = ", ".join(band(rule) for rule in self.dataset.bands)
        distances = ", ".join(f"{river}_near.distance" for river in RIVER_CLASSES)
        # MATERIALIZED: without it the planner inlines ST_Transform into each of the five lateral
        # subqueries and projects every site five times.
        return (f"WITH s AS MATERIALIZED (SELECT ord, id, ST_Transform(geom, {METRIC_CRS}) AS geom FROM {table} "
                f"WHERE ord >= %(first)s AND ord < %(end)s) "
                f"SELECT s.id, units_hit.codes, units_hit.areas, redlines_hit.codes, redlines_hit.areas, "
                f"{distances}, array_remove(ARRAY[{bands}]::text[], NULL) "
                f"FROM s {zones('units')} {zones('redlines')} "
                f"{' '.join(nearest(river) for river in RIVER_CLASSES)} ORDER BY s.ord")

    @staticmethod
    def _answers(rows):
        def zone_list(codes, areas):
            if codes is None:
                return []
            return list(codes) if areas is None else list(zip(codes, areas))

        ids = [row[0] for row in rows]
        units = [zone_list(row[1], row[2]) for row in rows]
        redlines = [zone_list(row[3], row[4]) for row in rows]
        distances = {river: [row[5 + k] for row in rows] for k, river in enumerate(RIVER_CLASSES)}
        bands = [row[8] for row in rows]
        return Answers(ids, units, redlines, distances, bands)

    def _session(self):
        session = self.cluster.connect()
        session.execute("SET max_parallel_workers_per_gather = 0")  # one core per session
        return session

    def screen(self, table, with_areas, site_count, sessions):
        """All sites, split into len(sessions) consecutive ranges run concurrently, one per session."""
        statement = self._statement(table, with_areas)
        share = -(-site_count // len(sessions))
        ranges = [(k * share, min(site_count, (k + 1) * share)) for k in range(len(sessions))]

        def run(session, bounds):
            return session.execute(statement, {"first": bounds[0], "end": bounds[1]}).fetchall()

        if len(sessions) == 1:
            rows = run(sessions[0], ranges[0])
        else:
            # psycopg releases the GIL while it waits for the server: the threads overlap.
            pool = ThreadPoolExecutor(len(sessions))
            try:
                rows = [row for part in pool.map(run, sessions, ranges) for row in part]
            finally:
                # When interrupted, do not wait for the running statements: stopping the cluster
                # ends them.
                pool.shutdown(wait=False, cancel_futures=True)
        return self._answers(rows)


# -------------------------------------------------------------------------------------------- runs
def max_distance_difference(first, second):
    """Largest |Δ| between two answer sets' distances (None on both sides counts as equal)."""
    largest = 0.0
    for river in RIVER_CLASSES:
        for a, b in zip(first.distances[river], second.distances[river]):
            if (a is None) != (b is None):
                return float("inf")
            if a is not None:
                largest = max(largest, abs(a - b))
    return largest


def run_geopandas(dataset, out, rounds, parcel_areas, cut_vertices):
    peer = GeoPandasPeer(dataset, parcel_areas)
    whole = {}  # answers with whole bank lines, to check the cut-lines variant against
    versions = peer.versions()
    log("GeoPandas: " + ", ".join(f"{key} {value}" for key, value in versions.items()))
    started = time.perf_counter()
    peer.load()
    load_seconds = time.perf_counter() - started
    log(f"GeoPandas load (read + to_crs {METRIC_CRS}): {load_seconds:.3f} s")
    started = time.perf_counter()
    index_bytes = peer.build_indexes()
    index_seconds = time.perf_counter() - started
    log(f"GeoPandas index build (.sindex): {index_seconds:.3f} s")
    figures = []
    for name, path, screen in (("points", dataset.points_file, peer.screen_points),
                               ("parcels", dataset.parcels_file, peer.screen_parcels)):
        sites = read_sites(path)
        log(f"GeoPandas {name}: {len(sites)} sites")
        seconds, answers = best_of(rounds, f"GeoPandas {name}", lambda: screen(sites))
        figures.append(figure(name, 1, len(sites), seconds))
        log(f"GeoPandas {name}: best {seconds:.3f} s, {len(sites) / seconds:,.0f} sites/s")
        answers.write_csv(out / f"geopandas-{name}.csv")
        whole[name] = answers
    figures += [{"name": "load", "seconds": round(load_seconds, 6)},
                {"name": "indexBuild", "seconds": round(index_seconds, 6), "bytes": index_bytes}]
    notes = [f"parcel overlap areas via {'shapely.intersection on the sjoin pairs' if parcel_areas == 'pairs' else 'geopandas.overlay(how=intersection)'}",
             "distances via sjoin_nearest against the whole bank lines of each river class",
             "index build = .sindex (shapely STRtree) on units, red lines and each river class; bytes not exposed"]
    if cut_vertices:
        # The same workload once more with the bank lines cut like PostGIS's ST_Subdivide: the
        # figure a GeoPandas user gets after that one extra step (variant "cutBankLines").
        started = time.perf_counter()
        pieces = peer.cut_bank_lines(cut_vertices)
        log(f"GeoPandas: bank lines cut into {pieces} pieces of <= {cut_vertices} vertices "
            f"({time.perf_counter() - started:.3f} s)")
        for name, path, screen in (("points", dataset.points_file, peer.screen_points),
                                   ("parcels", dataset.parcels_file, peer.screen_parcels)):
            sites = read_sites(path)
            seconds, answers = best_of(rounds, f"GeoPandas {name}, cut bank lines", lambda: screen(sites))
            figures.insert(-2, dict(figure(name, 1, len(sites), seconds), variant="cutBankLines"))
            log(f"GeoPandas {name}, cut bank lines: best {seconds:.3f} s, {len(sites) / seconds:,.0f} sites/s; "
                f"max |Δd| against whole lines {max_distance_difference(whole[name], answers):.6f} m")
        notes.append(f"variant cutBankLines: bank lines cut into pieces of <= {cut_vertices} vertices "
                     "before .sindex, as ST_Subdivide does for PostGIS; same answers")
    return {"tool": "geopandas", "versions": versions, "notes": notes, "figures": figures}


def run_postgis(dataset, out, rounds, connections):
    ensure_apt_packages()
    cluster = PrivateCluster(ROOT / ".build-province" / "postgis")
    peer = PostGISPeer(dataset, cluster, connections)
    try:
        peer.start()
        versions = peer.versions()
        log("PostGIS: " + ", ".join(f"{key} {value}" for key, value in versions.items() if key != "PostgreSQL build"))
        started = time.perf_counter()
        peer.load()
        load_seconds = time.perf_counter() - started
        log(f"PostGIS load (read, COPY, ST_Transform to {METRIC_CRS}): {load_seconds:.3f} s")
        started = time.perf_counter()
        index_bytes = peer.build_indexes()
        index_seconds = time.perf_counter() - started
        log(f"PostGIS index build (ST_Subdivide, GiST, ANALYZE): {index_seconds:.3f} s, {index_bytes:,} bytes")
        figures = []
        for name, path in (("points", dataset.points_file), ("parcels", dataset.parcels_file)):
            sites = read_sites(path)
            table = f"sites_{name}"
            peer.load_sites(table, sites)
            log(f"PostGIS {name}: {len(sites)} sites")
            with_areas = name == "parcels"
            thread_counts = [1] + ([connections] if connections > 1 else [])
            for threads in thread_counts:
                sessions = [peer._session() for _ in range(threads)]
                try:
                    seconds, answers = best_of(rounds, f"PostGIS {name} ({threads} session{'s' if threads > 1 else ''})",
                                               lambda: peer.screen(table, with_areas, len(sites), sessions))
                finally:
                    for session in sessions:
                        session.close()
                figures.append(figure(name, threads, len(sites), seconds))
                log(f"PostGIS {name} ({threads} session{'s' if threads > 1 else ''}): best {seconds:.3f} s, "
                    f"{len(sites) / seconds:,.0f} sites/s")
                if threads == 1:
                    answers.write_csv(out / f"postgis-{name}.csv")
        figures += [{"name": "load", "seconds": round(load_seconds, 6)},
                    {"name": "indexBuild", "seconds": round(index_seconds, 6), "bytes": index_bytes}]
        notes = [f"bank lines cut with ST_Subdivide(geom, {PostGISPeer.SUBDIVIDE_VERTICES}) for KNN (part of index build)",
                 "one SELECT per run: ST_Transform of the sites, LATERAL ST_Intersects / ST_Area(ST_Intersection), "
                 "KNN ORDER BY geom <-> site LIMIT 1 per river class with ST_Distance",
                 "max_parallel_workers_per_gather = 0; threads > 1 = that many sessions, each a range of the sites",
                 "load = reading the GeoJSON (pyogrio), COPY of EWKB, ST_Transform into the final tables"]
        return {"tool": "postgis", "versions": versions, "notes": notes, "figures": figures}
    finally:
        if peer.database is not None:
            peer.database.close()
        cluster.stop()


def write_figures(path, tools):
    """peers-figures.json: {"tools": [...]}; an existing entry for a tool not rerun is kept."""
    kept = []
    if path.exists():
        kept = [tool for tool in json.loads(path.read_text(encoding="utf-8")).get("tools", [])
                if tool["tool"] not in {new["tool"] for new in tools}]
    order = {"geopandas": 0, "postgis": 1}
    merged = sorted(kept + tools, key=lambda tool: order.get(tool["tool"], 2))
    path.write_text(json.dumps({"tools": merged}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dataset", required=True, help="a folder written by make_province.py")
    parser.add_argument("--out", required=True, help="folder for the answer CSVs and peers-figures.json")
    parser.add_argument("--only", choices=["geopandas", "postgis"])
    parser.add_argument("--rounds", type=int, default=3, help="timed runs per workload; the best is kept")
    parser.add_argument("--parcel-areas", choices=["pairs", "overlay"], default="pairs",
                        help="GeoPandas overlap areas: shapely.intersection on sjoin pairs (default, "
                             "the faster) or geopandas.overlay")
    parser.add_argument("--geopandas-cut-vertices", type=int, default=256,
                        help="also time GeoPandas with the bank lines cut into pieces of at most this "
                             "many vertices, like ST_Subdivide (0 = skip)")
    parser.add_argument("--postgis-connections", type=int, default=2,
                        help="sessions for PostGIS's all-cores figure (1 = single-session figure only)")
    arguments = parser.parse_args()
    # The private cluster must be stopped even when the run is killed: SIGTERM/SIGHUP unwind
    # through the finally blocks like Ctrl-C does.
    for signal_number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signal_number, lambda number, frame: sys.exit(128 + number))

    dataset = Dataset(arguments.dataset)
    out = Path(arguments.out)
    out.mkdir(parents=True, exist_ok=True)
    log(f"dataset {dataset.folder}, output {out}, {arguments.rounds} rounds")
    tools = []
    if arguments.only in (None, "geopandas"):
        tools.append(run_geopandas(dataset, out, arguments.rounds, arguments.parcel_areas,
                                   arguments.geopandas_cut_vertices))
    if arguments.only in (None, "postgis"):
        tools.append(run_postgis(dataset, out, arguments.rounds, arguments.postgis_connections))
    write_figures(out / "peers-figures.json", tools)
    log(f"wrote {out / 'peers-figures.json'}")


if __name__ == "__main__":
    main()
