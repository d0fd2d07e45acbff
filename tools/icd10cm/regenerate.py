#!/usr/bin/env python3
"""Regenerates coverguide's shipped ICD-10-CM table from an official release.

    python3 tools/icd10cm/regenerate.py                     # the release bundled by simple-icd-10-cm
    python3 tools/icd10cm/regenerate.py \
        --codes icd10cm-codes-2027.txt --tabular icd10cm-tabular-2027.xml \
        --id 2026-10-01 --name "FY2027 (October 1, 2026)"   # a newer CDC release

Reads the release through the `simple-icd-10-cm` package (MIT licence;
`pip install simple-icd-10-cm==1.5.0` bundles the CDC April 1, 2026 files),
which expands the seventh-character extensions the tabular XML only
describes. Writes data/icd10cm/<id>.tsv.gz: every category, subcategory and
code (chapters and blocks left out), sorted by code, one per line as

    CODE<TAB>B<TAB>TITLE

where B is 1 for a billable code (a leaf of the classification) and 0 for a
header, and TITLE is the tabular list's title with whitespace collapsed.
Three `#` lines first name the release. The output is deterministic (gzip
mtime 0), so regenerating the same release gives the same bytes. CI never
runs this script and never downloads anything; its output is committed.

ICD-10-CM is a public-domain code set of CDC's National Center for Health
Statistics.
"""

import argparse
import gzip
import io
import pathlib
import re
import sys

REPO = pathlib.Path(__file__).resolve().parents[2]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--codes", help="CDC icd10cm-codes file (with --tabular)")
    ap.add_argument("--tabular", help="CDC icd10cm-tabular XML (with --codes)")
    ap.add_argument("--id", default="2026-04-01", help="release id: its effective date, YYYY-MM-DD")
    ap.add_argument("--name", default="FY2026 (April 1, 2026 update)", help="release name as catalogs write it")
    ap.add_argument("--source", default="https://www.cdc.gov/nchs/icd/icd-10-cm/files.html")
    ap.add_argument("--out", default=None, help="output path (default data/icd10cm/<id>.tsv.gz)")
    args = ap.parse_args()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", args.id):
        ap.error("--id must be the release's effective date, YYYY-MM-DD")

    try:
        import simple_icd_10_cm as cm
    except ImportError:
        print("error: install the reader first: pip install simple-icd-10-cm==1.5.0", file=sys.stderr)
        return 2
    if args.codes or args.tabular:
        if not (args.codes and args.tabular):
            ap.error("--codes and --tabular go together")
        cm.change_version(all_codes_file_path=args.codes, classification_data_file_path=args.tabular)

    rows = []
    for code in cm.get_all_codes(with_dots=True):
        if cm.is_chapter_or_block(code):
            continue
        title = " ".join(cm.get_description(code).split())
        if "\t" in title or not title:
            raise SystemExit(f"error: unusable title for {code!r}")
        rows.append((code, "1" if cm.is_leaf(code) else "0", title))
    rows.sort(key=lambda r: r[0])
    if len({r[0] for r in rows}) != len(rows):
        raise SystemExit("error: duplicate codes in the release")

    text = io.StringIO()
    text.write(f"# icd10cm\t{args.id}\t{args.name}\n")
    text.write(f"# source\t{args.source}\n")
    text.write("# columns\tcode\tbillable\ttitle\n")
    for r in rows:
        text.write("\t".join(r) + "\n")
    raw = text.getvalue().encode("utf-8")

    out = pathlib.Path(args.out) if args.out else REPO / "data" / "icd10cm" / f"{args.id}.tsv.gz"
    out.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        gz.write(raw)
    out.write_bytes(buf.getvalue())
    billable = sum(1 for r in rows if r[1] == "1")
    print(f"{out}: {len(rows)} codes ({billable} billable), {len(raw)} bytes, {out.stat().st_size} gzipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
