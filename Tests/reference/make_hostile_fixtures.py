#!/usr/bin/env python3
"""Hostile inputs for the tests of issue 23, small when packed: written with Python's zipfile.

expands-50mib.kmz: a KMZ whose doc.kml holds one placemark and then 50 MiB (52,428,800 bytes) of blank
lines, so that it unpacks past a low --max-unpacked-bytes while being only tens of kilobytes sent.
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
