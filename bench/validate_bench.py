#!/usr/bin/python3
"""Times `budconv validate` on a generated budget table of about 10,000 rows.

Writes a canonical XML document with one 支出总表 (20 类 × 10 款 × 10 项, 4 detail rows under
each 项: 10,221 rows with the 合计) whose amounts add up exactly in 分, except for two rows
broken on purpose so that the sum rules have something to report. Then runs
`budconv validate FILE` RUNS times and prints the median wall time, the peak RSS (GNU time) and
the findings per rule.

Usage (repository root):
  /usr/bin/python3 bench/validate_bench.py [BUDCONV] [WORK_DIR] [RUNS]
defaults: build/bin/budconv, build/bench, 5.
"""
import collections
import os
import random
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUDCONV = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "bin", "budconv")
WORK = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "build", "bench")
RUNS = int(sys.argv[3]) if len(sys.argv) > 3 else 5
COLUMNS = ["total", "basic", "personnel", "public_funds", "project"]


def fen(v):
    return "%d.%02d" % (v // 100, v % 100)


def amounts(rng):
    personnel = rng.randrange(0, 5_000_000_00)
    public = rng.randrange(0, 500_000_00)
    project = rng.randrange(0, 9_000_000_00) if rng.random() < 0.7 else 0
    basic = personnel + public
    return {"total": basic + project, "basic": basic, "personnel": personnel,
            "public_funds": public, "project": project}


def add(a, b):
    return {k: a.get(k, 0) + b.get(k, 0) for k in COLUMNS}


def row_xml(tag, code, name, level, vals, indent, inner=""):
    cells = "".join('%s  <v c="%s">%s</v>\n' % (indent, c, fen(vals[c])) for c in COLUMNS if vals[c])
    attrs = ' total="true"' if level == 0 else ' class="function" code="%s" level="%d"' % (code, level)
    return '%s<%s%s name="%s">\n%s%s%s</%s>\n' % (indent, tag, attrs, name, cells, inner, indent, tag)


def generate(path):
    rng = random.Random(20261123)
    body, total, rows = [], {}, 1
    for l1 in range(20):
        c1 = "%03d" % (201 + l1)
        kuan, s1 = [], {}
        for l2 in range(10):
            c2 = c1 + "%02d" % (l2 + 1)
            xiang, s2 = [], {}
            for l3 in range(10):
                c3 = c2 + "%02d" % (l3 + 1)
                details = [amounts(rng) for _ in range(4)]
                s3 = {}
                for d in details:
                    s3 = add(s3, d)
                inner = "".join(row_xml("detail", c3, "明细%d" % (i + 1), 4, d, "      ")
                                for i, d in enumerate(details))
                xiang.append(row_xml("row", c3, "项%s" % c3, 3, s3, "    ", inner))
                s2 = add(s2, s3)
                rows += 5
            kuan.append((row_xml("row", c2, "款%s" % c2, 2, s2, "    "), xiang))
            s1 = add(s1, s2)
            rows += 1
        body.append((row_xml("row", c1, "类%s" % c1, 1, s1, "    "), kuan))
        total = add(total, s1)
        rows += 1
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
           '<submission xmlns="urn:budconv:submission:1" format-version="1" agency-code="999" '
           'agency-name="基准测试单位" fiscal-year="2021" kind="department-budget" region="hebei">\n',
           '  <budget-table kind="expenditure" title="部门预算支出总表" scope="department" unit="yuan">\n']
    out += ['    <column id="%s" label="%s"/>\n' % (c, c) for c in COLUMNS]
    out.append(row_xml("row", "", "合计", 0, total, "    "))
    for head, kuan in body:
        out.append(head)
        for khead, xiang in kuan:
            out.append(khead)
            out += xiang
    out.append("  </budget-table>\n</submission>\n")
    text = "".join(out)
    # Two deliberate errors: the 合计's first amount and the first 项's 人员经费 get a digit
    # in front (sum and row-identity rules fire on both).
    text = text.replace('<v c="total">', '<v c="total">1', 1)  # the 合计 row
    first_xiang = text.index('code="2010101"')
    at = text.index('<v c="personnel">', first_xiang)
    text = text[:at] + '<v c="personnel">9' + text[at + len('<v c="personnel">'):]
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return rows


def main():
    os.makedirs(WORK, exist_ok=True)
    path = os.path.join(WORK, "validate-10k.xml")
    rows = generate(path)
    walls, cpus, rss, out = [], [], 0, ""
    for _ in range(RUNS):
        start = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", BUDCONV, "validate", path],
                           capture_output=True, text=True)
        walls.append(time.perf_counter() - start)
        kb, user, system = p.stderr.strip().splitlines()[-1].split()
        rss = max(rss, int(kb))
        cpus.append(float(user) + float(system))
        out = p.stdout
        code = p.returncode
    rules = collections.Counter(re.findall(r"\[([A-Z]+-[A-Z]+-\d+)\]", out))
    print("file: %s (%d bytes, %d rows)" % (path, os.path.getsize(path), rows))
    print("command: %s validate %s" % (BUDCONV, path))
    print("runs: %d, median wall %.3f s (min %.3f, max %.3f), median CPU (user + sys) %.2f s, "
          "peak RSS %.1f MB, exit %d" % (RUNS, statistics.median(walls), min(walls), max(walls),
                                         statistics.median(cpus), rss / 1024, code))
    print("load average: %.1f %.1f %.1f on %d CPUs" % (os.getloadavg() + (os.cpu_count(),)))
    print("findings: " + ", ".join("%s %d" % kv for kv in sorted(rules.items())))


if __name__ == "__main__":
    main()
