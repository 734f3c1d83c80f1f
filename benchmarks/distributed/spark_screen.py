#!/usr/bin/env python3
"""ZoneScreen as a stage of Apache Spark: sites partitioned, each partition piped through
`zonescreen screen - --format geojsonseq`, the binary and the compiled store shipped to the workers
with SparkContext.addFile. Run by benchmarks/distributed/run (which installs Java and pyspark).

Usage:
    spark_screen.py --zonescreen BIN --store STORE.zsd --dataset DIR --sites SITES.geojsonl --out DIR
                    [--master local[2]] [--partitions N] [--check | --save URL]

Steps, each timed:
  1. Spark session (local mode here; a cluster's master URL on a real cluster).
  2. ZoneScreen stage: the sites file read as text lines (one GeoJSON Feature each), repartitioned,
     every partition fed to one `zonescreen screen -` process on the worker (the binary and the store
     come from SparkFiles, so the same job runs on any cluster), answers collected.
  3. Single process: the same binary on the same file, for --check.
  4. Peer in the same Spark session: the same spatial join (each point's control units and red
     lines) by Apache Sedona when its jars can be had (SEDONA_JARS=jar,jar or spark.jars.packages
     through Maven: see the README); otherwise by shapely's STRtree in mapInPandas, each partition
     joining its points against the zones broadcast once (what a GeoPandas user writes on Spark).
--check: every site's answer from Spark equals the single process's (the record as written, less the
members that depend on the record's place in its stream: the clause texts a stream gives with the
first record citing each clause); the peer's units and red lines equal ZoneScreen's for every site.
Exit status 1 when a check fails.
"""
import argparse
import json
import os
import subprocess
import sys
import threading
import time

RS = "\x1e"
# Members of a record that say where it sits in its stream rather than what the site's answer is: the
# dataset summary on a stream's first record, each clause's text on the first record citing it.
STREAM_MEMBERS = ("clauseTexts", "dataset")


def log(message):
    print(message, flush=True)


def screen_partition(lines, binary_name, store_name, extra):
    """Runs on a worker: one zonescreen process for the partition, fed and read concurrently."""
    from pyspark import SparkFiles
    binary, store = SparkFiles.get(binary_name), SparkFiles.get(store_name)
    os.chmod(binary, 0o755)
    process = subprocess.Popen([binary, "screen", "-", "--format", "geojsonseq", "--dataset", store, "--quiet", *extra],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def feed():
        try:
            for line in lines:
                process.stdin.write(line.encode("utf-8") + b"\n")
            process.stdin.close()
        except BrokenPipeError:  # the process stopped early; its exit status and stderr say why
            pass

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    errors = []
    drain = threading.Thread(target=lambda: errors.append(process.stderr.read()), daemon=True)
    drain.start()
    for record in process.stdout:
        text = record.decode("utf-8").strip().lstrip(RS)
        if text:
            yield text
    feeder.join()
    drain.join()
    if process.wait() not in (0, 1):  # 1: some sites failed, each with its own record
        raise RuntimeError(f"zonescreen exited {process.returncode}: {b''.join(errors).decode('utf-8', 'replace')[-2000:]}")


def answer_key(text):
    """(site id, the record less its stream-position members) for comparing."""
    record = json.loads(text)
    properties = record.get("properties") or {}
    for member in STREAM_MEMBERS:
        record.pop(member, None)
    return str(properties.get("id")), json.dumps(record, ensure_ascii=False, sort_keys=True)


def zone_codes(text):
    record = json.loads(text)
    answer = record["properties"].get("zonescreen") or {}
    return (str(record["properties"].get("id")),
            ";".join(sorted(u["code"] for u in answer.get("controlUnits", []))),
            ";".join(sorted(r["code"] for r in answer.get("redLines", []))))


def sedona_session(builder):
    """A Sedona-enabled session when Sedona's jars can be had here, else None (and why)."""
    jars = os.environ.get("SEDONA_JARS")
    packages = os.environ.get("SEDONA_PACKAGES")
    if not jars and not packages:
        return None, "Sedona's jars are not here (set SEDONA_JARS to the sedona-spark-shaded and geotools-wrapper jars, or SEDONA_PACKAGES to their Maven coordinates)"
    try:
        from sedona.spark import SedonaContext
    except ImportError as error:
        return None, f"the apache-sedona Python package is missing ({error})"
    if jars:
        builder = builder.config("spark.jars", jars)
    if packages:
        builder = builder.config("spark.jars.packages", packages)
    try:
        return SedonaContext.create(builder.getOrCreate()), None
    except Exception as error:  # jars that do not load: say so, run the other peer
        return None, f"Sedona did not start: {error}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--zonescreen", required=True)
    parser.add_argument("--store", required=True)
    parser.add_argument("--dataset", required=True, help="the dataset folder (layers for the peer)")
    parser.add_argument("--sites", required=True, help="one GeoJSON Feature per line")
    parser.add_argument("--out", required=True)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--save", help="write the answers there (saveAsTextFile, e.g. hdfs:///out) instead of collecting them; no check, no peer")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    figures = {}
    status = 0

    from pyspark.sql import SparkSession
    started = time.perf_counter()
    builder = (SparkSession.builder.master(args.master).appName("zonescreen-distributed")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", str(args.partitions))
               .config("spark.driver.memory", "2g"))
    spark, sedona_note = sedona_session(builder)
    peer_name = "Apache Sedona" if spark is not None else "shapely STRtree in mapInPandas"
    if spark is None:
        spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    sc = spark.sparkContext
    figures["sparkStart"] = time.perf_counter() - started
    log(f"Spark {spark.version}, master {args.master}, {args.partitions} partitions; session in {figures['sparkStart']:.1f} s")

    # ---- ZoneScreen stage ----
    sc.addFile(os.path.abspath(args.zonescreen))
    sc.addFile(os.path.abspath(args.store))
    binary_name, store_name = os.path.basename(args.zonescreen), os.path.basename(args.store)
    started = time.perf_counter()
    sites_url = args.sites if "://" in args.sites else os.path.abspath(args.sites)
    lines = sc.textFile(sites_url).filter(lambda line: line.strip()).repartition(args.partitions)
    screened = lines.mapPartitions(lambda part: screen_partition(part, binary_name, store_name, ["--jobs", "1"]))
    if args.save:
        screened.saveAsTextFile(args.save)
        log(f"ZoneScreen in Spark: answers written to {args.save} in {time.perf_counter() - started:.2f} s")
        spark.stop()
        return 0
    answers = screened.collect()
    figures["zonescreenStage"] = time.perf_counter() - started
    site_count = sum(1 for line in open(args.sites, encoding="utf-8") if line.strip())
    log(f"ZoneScreen in Spark: {len(answers):,} answers for {site_count:,} sites in {figures['zonescreenStage']:.2f} s "
        f"({site_count / figures['zonescreenStage']:,.0f} sites/s)")
    with open(os.path.join(args.out, "spark-answers.geojsonl"), "w", encoding="utf-8") as f:
        for text in answers:
            f.write(text + "\n")

    # ---- single process, for --check ----
    started = time.perf_counter()
    # Fed the same lines the same way (standard input), as one process on all cores.
    with open(args.sites, "rb") as sites:
        single = subprocess.run([args.zonescreen, "screen", "-", "--format", "geojsonseq", "--dataset", args.store, "--quiet"],
                                stdin=sites, capture_output=True, check=False)
    figures["singleProcess"] = time.perf_counter() - started
    if single.returncode not in (0, 1):
        log(f"single process failed ({single.returncode}): {single.stderr.decode('utf-8', 'replace')[-2000:]}")
        return 1
    single_records = [t.strip().lstrip(RS) for t in single.stdout.decode("utf-8").split("\n") if t.strip().lstrip(RS)]
    log(f"single process (zonescreen screen - < SITES, all cores): {len(single_records):,} answers in {figures['singleProcess']:.2f} s")

    if args.check:
        spark_answers = dict(answer_key(t) for t in answers)
        single_answers = dict(answer_key(t) for t in single_records)
        differing = [site for site in single_answers if spark_answers.get(site) != single_answers[site]]
        missing = len(set(single_answers) - set(spark_answers)), len(set(spark_answers) - set(single_answers))
        ok = not differing and missing == (0, 0) and len(single_answers) == site_count
        log(f"check: {len(single_answers):,} sites; Spark and single process answers identical for "
            f"{len(single_answers) - len(differing):,}; differing {len(differing)}; only in one run {missing[0]} / {missing[1]}: "
            f"{'PASS' if ok else 'FAIL'}")
        if differing:
            log(f"  first differing site {differing[0]}:\n  spark  {spark_answers.get(differing[0])}\n  single {single_answers[differing[0]]}")
        # Every clause cited in a Spark answer is given by some record of the Spark run.
        cited, given = set(), set()
        for text in answers:
            record = json.loads(text)
            given.update((record.get("clauseTexts") or {}).keys())
            for reason in (record["properties"].get("zonescreen") or {}).get("reasons", []):
                if reason.get("kind") == "clause":
                    cited.add(reason.get("ruleId"))
        if cited - given:
            log(f"check: {len(cited - given)} clauses cited in Spark answers without their text: FAIL")
            ok = False
        status |= 0 if ok else 1

    # ---- peer: the same spatial join in the same session ----
    started = time.perf_counter()
    peer = run_peer(spark, args, sedona_note is None)
    figures["peerStage"] = time.perf_counter() - started
    log(f"peer ({peer_name}): units and red lines of {len(peer):,} sites in {figures['peerStage']:.2f} s"
        + (f"; Sedona not used: {sedona_note}" if sedona_note else ""))
    ours = {site: (units, reds) for site, units, reds in (zone_codes(t) for t in answers)}
    agree = sum(1 for site, units, reds in peer if ours.get(site) == (units, reds))
    log(f"agreement with ZoneScreen (units and red lines per site): {agree:,} of {len(peer):,}"
        + ("" if agree == len(peer) == site_count else "  DIFFERENT"))
    if args.check and not (agree == len(peer) == site_count):
        status |= 1
    figures.update(peer=peer_name, sedonaNote=sedona_note, sites=site_count, partitions=args.partitions, master=args.master,
                   agreement=agree, spark=spark.version)
    json.dump(figures, open(os.path.join(args.out, "figures.json"), "w"), indent=1, ensure_ascii=False)
    spark.stop()
    return status


def run_peer(spark, args, with_sedona):
    """[(site id, units, red lines)] by Sedona's spatial join, or by shapely in mapInPandas."""
    import yaml
    manifest = yaml.safe_load(open(os.path.join(args.dataset, "dataset.yaml"), encoding="utf-8"))
    layers = manifest["layers"]
    measurement = manifest["measurement"]["crs"]
    zones = {}
    import pyogrio
    for key, name in (("controlUnits", "units"), ("redLines", "redlines")):
        layer = layers[key]
        frame = pyogrio.read_dataframe(os.path.join(args.dataset, layer["file"]), layer=layer.get("layer"), columns=[layer["fields"]["code"]])
        frame = frame.set_crs(manifest.get("crs", "EPSG:4490"), allow_override=True).to_crs(measurement)
        zones[name] = (frame[layer["fields"]["code"]].astype(str).tolist(), frame.geometry.to_wkb().tolist())
    sites = spark.read.json(os.path.abspath(args.sites)).selectExpr(
        "CAST(properties.id AS STRING) AS id", "geometry.coordinates[0] AS lon", "geometry.coordinates[1] AS lat")
    if with_sedona:
        return sedona_join(spark, sites, zones, measurement)
    return shapely_join(spark, sites, zones, measurement)


def sedona_join(spark, sites, zones, measurement):
    """Sedona SQL: zones as geometries, sites projected with ST_Transform, ST_Intersects joins."""
    from pyspark.sql import functions as F
    for name, (codes, wkbs) in zones.items():
        spark.createDataFrame(list(zip(codes, wkbs)), "code string, wkb binary") \
            .selectExpr("code", "ST_GeomFromWKB(wkb) AS geom").createOrReplaceTempView(name)
    sites.selectExpr("id", f"ST_Transform(ST_Point(lon, lat), 'EPSG:4490', '{measurement}') AS geom").createOrReplaceTempView("sites")
    joined = {}
    for name in zones:
        rows = spark.sql(f"SELECT s.id, z.code FROM sites s JOIN {name} z ON ST_Intersects(z.geom, s.geom)") \
            .groupBy("id").agg(F.concat_ws(";", F.array_sort(F.collect_list("code"))).alias("codes")).collect()
        joined[name] = {r["id"]: r["codes"] for r in rows}
    ids = [r["id"] for r in sites.select("id").collect()]
    return [(i, joined["units"].get(i, ""), joined["redlines"].get(i, "")) for i in ids]


def shapely_join(spark, sites, zones, measurement):
    """Each partition joins its points against the zones (broadcast once) with a prepared STRtree query."""
    import pandas
    broadcast = spark.sparkContext.broadcast(zones)

    def join(batches):
        import numpy
        import shapely
        from pyproj import Transformer
        to_plane = Transformer.from_crs("EPSG:4490", measurement, always_xy=True)
        trees = {}
        for name, (codes, wkbs) in broadcast.value.items():
            geometries = shapely.from_wkb(wkbs)
            shapely.prepare(geometries)
            trees[name] = (numpy.asarray(codes, dtype=object), geometries)
        for batch in batches:
            x, y = to_plane.transform(batch["lon"].to_numpy(), batch["lat"].to_numpy())
            points = shapely.points(x, y)
            tree = shapely.STRtree(points)
            out = pandas.DataFrame({"id": batch["id"].to_numpy()})
            for name, (codes, geometries) in trees.items():
                zone_rows, site_rows = tree.query(geometries, predicate="intersects")
                pairs = pandas.DataFrame({"site": site_rows, "code": codes[zone_rows]}).sort_values(["site", "code"])
                joined = pairs.groupby("site")["code"].agg(";".join)
                out[name] = joined.reindex(range(len(points)), fill_value="").to_numpy()
            yield out

    rows = sites.mapInPandas(join, "id string, units string, redlines string").collect()
    return [(r["id"], r["units"], r["redlines"]) for r in rows]


if __name__ == "__main__":
    sys.exit(main())
