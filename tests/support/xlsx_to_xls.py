#!/usr/bin/python3
"""Save an .xlsx as a legacy .xls (BIFF8), the way an office worker's "Save as Excel 97-2003" does.

budconv has no .xls writer, so the tests make the .xls variants of the goal forms with this:
openpyxl reads the workbook, xlwt (Debian package python3-xlwt) writes it. Kept: cell values
(numbers as numbers, text as text, booleans as booleans), merged ranges, sheet names (cut to
Excel's 31 characters) and which sheets are hidden. Not kept: styles, widths, formulas' formulas
(their cached values are written when the file has them).

Usage: xlsx_to_xls.py IN.xlsx OUT.xls
Exit codes: 0 written, 1 bad input, 2 usage, 3 a module is missing (run ./build.sh to install it).
"""
import datetime
import sys

# Excel's limits: a sheet name holds at most 31 characters, a cell at most 32767.
MAX_SHEET_NAME = 31
MAX_CELL_TEXT = 32767


def load_modules():
    """Import openpyxl and xlwt, or exit 3 naming the Debian package and the set-up script."""
    try:
        import openpyxl  # noqa: F401
        import xlwt  # noqa: F401
    except ImportError as e:
        pkg = "python3-xlwt" if "xlwt" in str(e) else "python3-openpyxl"
        sys.stderr.write(f"xlsx_to_xls.py: {e}; install {pkg} (run ./build.sh, which installs it)\n")
        sys.exit(3)
    return openpyxl, xlwt


def sheet_name(title, used):
    """Excel's 31-character limit; a cut name that repeats an earlier one gets a ~N suffix."""
    name = title[:MAX_SHEET_NAME]
    n = 1
    while name.lower() in used:
        suffix = f"~{n}"
        name = title[: MAX_SHEET_NAME - len(suffix)] + suffix
        n += 1
    used.add(name.lower())
    return name


def cell_value(value):
    """What xlwt can write: text, numbers and booleans as they are, dates as Excel dates."""
    if isinstance(value, str):
        return value[:MAX_CELL_TEXT]
    if isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value
    return str(value)[:MAX_CELL_TEXT]


def copy_sheet(xlwt, src, dst):
    """Values and merged ranges of one sheet; a merged range is written once, by its top-left cell."""
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    merged_cells = set()
    for rng in src.merged_cells.ranges:
        top, left, bottom, right = rng.min_row, rng.min_col, rng.max_row, rng.max_col
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                merged_cells.add((r, c))
        value = src.cell(row=top, column=left).value
        value = "" if value is None else cell_value(value)
        dst.write_merge(top - 1, bottom - 1, left - 1, right - 1, value)
    for row in src.iter_rows():
        for cell in row:
            if cell.value is None or (cell.row, cell.column) in merged_cells:
                continue
            value = cell_value(cell.value)
            if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
                dst.write(cell.row - 1, cell.column - 1, value, date_style)
            else:
                dst.write(cell.row - 1, cell.column - 1, value)


def convert(src_path, dst_path):
    openpyxl, xlwt = load_modules()
    try:
        # data_only: a formula cell is written as the value Excel last computed.
        src = openpyxl.load_workbook(src_path, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a damaged file
        sys.stderr.write(f"xlsx_to_xls.py: {src_path}: {e}\n")
        return 1
    book = xlwt.Workbook(encoding="utf-8")
    used = set()
    first_visible = None
    for index, ws in enumerate(src.worksheets):
        dst = book.add_sheet(sheet_name(ws.title, used), cell_overwrite_ok=True)
        copy_sheet(xlwt, ws, dst)
        state = ws.sheet_state
        dst.visibility = 0 if state == "visible" else (2 if state == "veryHidden" else 1)
        if state == "visible" and first_visible is None:
            first_visible = index
    # Excel refuses a workbook whose active sheet is hidden.
    if first_visible is not None:
        book.active_sheet = first_visible
        book.get_sheet(first_visible).set_selected(True)
    book.save(dst_path)
    return 0


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: xlsx_to_xls.py IN.xlsx OUT.xls\n")
        return 2
    return convert(argv[1], argv[2])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
