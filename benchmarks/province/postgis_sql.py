"""The PostGIS peer's one SELECT, shared by peers.py and postgis_points_csv.py (stdlib only)."""

RIVER_CLASSES = ["mainStream", "importantTributary", "tributary"]
CSV_COLUMNS = ["dMain", "dImportant", "dTributary"]  # the answer CSV's distance columns, per river class


def screening_select(bands, table, pieces, metric_crs, with_areas=False, distances_only=False, ranged=False,
                     csv=False, site_geometry="geom", point_units="units"):
    """One SELECT returning every answer, one row per site in input order (column `ord`).

    bands: rules.yaml's shorelineBands ({"id", "distance", "rivers"}) sorted by id; table: the sites
    (ord, id and a geometry given by the SQL expression `site_geometry`, in the source CRS); pieces:
    the table of bank-line pieces (river, geom) with a partial GiST index per river class;
    point_units: the units table points are looked up in, e.g. the units ST_Subdivide'd (code, geom),
    whose pieces a point on an inner cut line meets twice (hence DISTINCT).
    ranged: only the sites with %(first)s <= ord < %(end)s. csv: the columns of the answer CSV
    (id,units,redLines,dMain,dImportant,dTributary,bands, 3 decimals), else arrays for peers.py.

    The sites are projected once in a MATERIALIZED CTE: without it the planner inlines ST_Transform
    into each LATERAL subquery and projects every site five times.
    """
    def zones(zone_table):
        if with_areas:
            # ST_CoveredBy spares ST_Intersection for a parcel wholly inside the zone: its overlap is
            # its own area. A zone that only touches the parcel has area 0 and is left out.
            return (f"LEFT JOIN LATERAL (SELECT array_agg(code ORDER BY code) AS codes, "
                    f"array_agg(area ORDER BY code) AS areas FROM ("
                    f"SELECT z.code, CASE WHEN ST_CoveredBy(s.geom, z.geom) THEN ST_Area(s.geom) "
                    f"ELSE ST_Area(ST_Intersection(z.geom, s.geom)) END AS area FROM {zone_table} z "
                    f"WHERE ST_Intersects(z.geom, s.geom)) AS zone_overlaps WHERE area > 0) AS {zone_table}_hit ON true")
        source = point_units if zone_table == "units" else zone_table
        return (f"LEFT JOIN LATERAL (SELECT array_agg(DISTINCT z.code ORDER BY z.code) AS codes, NULL::float8[] AS areas "
                f"FROM {source} z WHERE ST_Intersects(z.geom, s.geom)) AS {zone_table}_hit ON true")

    def nearest(river):
        # KNN: the GiST index hands out pieces by exact distance (<-> rechecks); the first is the nearest.
        return (f"LEFT JOIN LATERAL (SELECT ST_Distance(p.geom, s.geom) AS distance FROM {pieces} p "
                f"WHERE p.river = '{river}' ORDER BY p.geom <-> s.geom LIMIT 1) AS {river}_near ON true")

    def band(rule):
        # LEAST ignores NULLs: a class without bank lines never reaches the band.
        rivers = ", ".join(f"{river}_near.distance" for river in rule["rivers"])
        return f"CASE WHEN LEAST({rivers}) <= {float(rule['distance'])!r} THEN '{rule['id']}' END"

    where = "WHERE ord >= %(first)s AND ord < %(end)s " if ranged else ""
    sites = (f"WITH s AS MATERIALIZED (SELECT ord, id, ST_Transform({site_geometry}, {metric_crs}) AS geom "
             f"FROM {table} {where}) ")
    laterals = " ".join(nearest(river) for river in RIVER_CLASSES)
    if distances_only:
        return (sites + f"SELECT s.id, {', '.join(f'{river}_near.distance' for river in RIVER_CLASSES)} "
                f"FROM s {laterals} ORDER BY s.ord")
    band_array = f"array_remove(ARRAY[{', '.join(band(rule) for rule in bands)}]::text[], NULL)"
    if csv:
        distances = ", ".join(f'round({river}_near.distance::numeric, 3) AS "{column}"'
                              for river, column in zip(RIVER_CLASSES, CSV_COLUMNS))
        # NULLIF: an empty list is an empty field, not COPY's quoted "" for an empty string.
        columns = (f"s.id, array_to_string(units_hit.codes, ';') AS units, "
                   f"array_to_string(redlines_hit.codes, ';') AS \"redLines\", {distances}, "
                   f"NULLIF(array_to_string({band_array}, ';'), '') AS bands")
    else:
        distances = ", ".join(f"{river}_near.distance" for river in RIVER_CLASSES)
        columns = (f"s.id, units_hit.codes, units_hit.areas, redlines_hit.codes, redlines_hit.areas, "
                   f"{distances}, {band_array}")
    return sites + f"SELECT {columns} FROM s {zones('units')} {zones('redlines')} {laterals} ORDER BY s.ord"
