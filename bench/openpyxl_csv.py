"""Reference converter for the benchmark: the first sheet of an XLSX file to UTF-8 CSV with
openpyxl in read-only (streaming) mode and the csv module. Usage: openpyxl_csv.py IN.xlsx OUT.csv"""
import csv
import sys

import openpyxl


def main() -> int:
    src, dst = sys.argv[1], sys.argv[2]
    book = openpyxl.load_workbook(src, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    with open(dst, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        for row in sheet.iter_rows(values_only=True):
            writer.writerow(["" if v is None else v for v in row])
    book.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
