#!/usr/bin/env python3
"""The hostile files of issue 23, written with zipfile (streamed: never 1 GiB in memory)."""
import os, sys, zipfile

folder = sys.argv[1]
GIB = 1 << 30

def kmz(path):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z, z.open('doc.kml', 'w', force_zip64=True) as m:
        m.write(b'<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
                b'<Placemark><Point><coordinates>111.5,30.5</coordinates></Point></Placemark>')
        block = b' ' * (1 << 20)
        for _ in range(1024):
            m.write(block)
        m.write(b'</Document></kml>')

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    '</Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    '</Relationships>')
WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    '</Relationships>')
SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'

def xlsx(path, shared_string_bytes, rows):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        z.writestr('[Content_Types].xml', CONTENT_TYPES)
        z.writestr('_rels/.rels', RELS)
        z.writestr('xl/workbook.xml', WORKBOOK)
        z.writestr('xl/_rels/workbook.xml.rels', WORKBOOK_RELS)
        with z.open('xl/sharedStrings.xml', 'w', force_zip64=True) as m:
            m.write(b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                    b'<si><t>lon</t></si><si><t>lat</t></si><si><t>')
            block = b'a' * (1 << 20)
            for _ in range(shared_string_bytes >> 20):
                m.write(block)
            m.write(b'</t></si></sst>')
        with z.open('xl/worksheets/sheet1.xml', 'w', force_zip64=True) as m:
            m.write(SHEET_HEAD.encode())
            m.write(b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>')
            for r in range(2, rows + 2):
                m.write(b'<row r="%d"><c r="A%d"><v>111.5</v></c><c r="B%d"><v>30.5</v></c></row>' % (r, r, r))
            m.write(b'</sheetData></worksheet>')

targets = {
    'expands-1gib.kmz': lambda p: kmz(p),
    'shared-string-1gib.xlsx': lambda p: xlsx(p, GIB, 1),
    'rows-10m.xlsx': lambda p: xlsx(p, 0, 10_000_000),
}
for name, make in targets.items():
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        make(path + '.part')
        os.rename(path + '.part', path)
    print(f'{name}: {os.path.getsize(path):,} bytes', flush=True)
