#!/usr/bin/env python3
"""Hostile inputs for the tests of issue 23, small when packed: written with Python's zipfile.

expands-50mib.kmz: a KMZ whose doc.kml holds one placemark and then 50 MiB (52,428,800 bytes) of blank
lines, so that it unpacks past a low --max-unpacked-bytes while being only tens of kilobytes sent.
Fixtures/fuzz/upload/: see the end of this file.
Usage: python3 Tests/reference/make_hostile_fixtures.py  (from the repository root)
"""
import zipfile

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>\n'
        '<Placemark><name>p</name><Point><coordinates>111.5,30.5</coordinates></Point></Placemark>\n')
TAIL = '</Document></kml>\n'

with zipfile.ZipFile('Fixtures/hostile/expands-50mib.kmz', 'w', compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
    with archive.open('doc.kml', 'w') as member:
        member.write(HEAD.encode())
        block = b'\n' * (1 << 20)
        for _ in range(50):
            member.write(block)
        member.write(TAIL.encode())
print('doc.kml bytes:', len(HEAD) + 50 * (1 << 20) + len(TAIL))

# Regression inputs of the fuzz target `upload` (Fixtures/fuzz/upload/): issue 23's attacks as files,
# each read under every ending the target tries. A VRT document naming a local file and one naming a
# URL (both refused: no VRT driver for uploads, no network); a KMZ whose doc.kml unpacks to 4 MiB,
# past the target's 1 MiB limit.
VRT_FILE = ('<OGRVRTDataSource><OGRVRTLayer name="a"><SrcDataSource>CSV:/etc/passwd</SrcDataSource>'
            '<SrcSQL>SELECT * FROM passwd</SrcSQL><GeometryType>wkbPoint</GeometryType>'
            '<GeometryField encoding="PointFromColumns" x="field_3" y="field_4"/></OGRVRTLayer></OGRVRTDataSource>\n')
VRT_URL = ('<OGRVRTDataSource><OGRVRTLayer name="a"><SrcDataSource>/vsicurl/http://127.0.0.1:9/x.csv</SrcDataSource>'
           '</OGRVRTLayer></OGRVRTDataSource>\n')
with open('Fixtures/fuzz/upload/vrt-naming-local-file.csv', 'w') as out:
    out.write(VRT_FILE)
with open('Fixtures/fuzz/upload/vrt-naming-url.kml', 'w') as out:
    out.write(VRT_URL)
with zipfile.ZipFile('Fixtures/fuzz/upload/expands-4mib.kmz', 'w', compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
    with archive.open('doc.kml', 'w') as member:
        member.write(HEAD.encode())
        member.write(b'\n' * (4 << 20))
        member.write(TAIL.encode())
# A KMZ whose only KML does not parse: GDAL 3.6's KMZ reader lost its copy of the archive on it (as on
# a ZIP with no KML at all: leak-zip-without-kml.kmz is the demo's zipped Shapefile, the fuzzer's find).
with zipfile.ZipFile('Fixtures/fuzz/upload/kmz-with-broken-kml.kmz', 'w', compression=zipfile.ZIP_DEFLATED) as archive:
    archive.writestr(zipfile.ZipInfo('doc.kml', date_time=(1980, 1, 1, 0, 0, 0)), HEAD + '<Placemark><Point>')
