#!/usr/bin/env python3
"""Makes Fixtures/zoning/list-title-row/单元清单（带标题行）.xlsx: the demo-official unit list with a title
row above its header, merged across the columns, as provinces publish it ("附件2 …").

Run with a Python that has openpyxl (a venv: python3 -m venv v && v/bin/pip install openpyxl).
Fixed document properties keep the output the same on every run.
"""
import datetime
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[2]
source = ROOT / "Fixtures/demo-official/lists/单元清单.xlsx"
target = ROOT / "Fixtures/zoning/list-title-row/单元清单（带标题行）.xlsx"

book = openpyxl.load_workbook(source)
sheet = book["单元清单"]
columns = sheet.max_column
sheet.insert_rows(1)
sheet.cell(row=1, column=1, value="附件2 沧澜县环境管控单元生态环境准入清单（虚构）")
sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
fixed = datetime.datetime(2024, 6, 30)
book.properties.created = fixed
book.properties.modified = fixed
book.save(target)
print(f"{target.relative_to(ROOT)}: {sheet.max_row} rows (title, header, {sheet.max_row - 2} units)")
