#!/usr/bin/env python3
"""Checks that gen_catalog.py writes the same services as the baseline corpus.

  check_same_as_corpus.py PATH/TO/gen_corpus.py [N] [--seed S]

Runs the baseline generator (its yaml/ form) and gen_catalog.py with the same N
(default 400) and seed into a temporary folder, and compares, per
jurisdiction, every service's title and description and the billing codes.
Prints the counts and exits 1 if anything differs.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def corpus(path):
    out = {}
    for f in sorted(os.listdir(path)):
        text = open(os.path.join(path, f), encoding="utf-8").read()
        titles = [json.loads(t) for t in re.findall(r'^    title: (".*")$', text, re.M)]
        descs = re.findall(r'^    description: \|\n((?:      .*\n|\n)+?)    age_range:', text, re.M)
        descs = ["\n".join(line[6:] for line in d.rstrip("\n").split("\n")) for d in descs]
        codes = [json.loads(c) for c in re.findall(r'^      - code: (".*")$', text, re.M)]
        out[f[:-5]] = (sorted(zip(titles, descs)), sorted(codes))
    return out


def ours(path):
    out = {}
    for st in sorted(os.listdir(os.path.join(path, "states"))):
        d = os.path.join(path, "states", st, "services")
        items, codes = [], []
        for f in sorted(os.listdir(d)):
            text = open(os.path.join(d, f), encoding="utf-8").read()
            title = json.loads(re.search(r'^name: (".*")$', text, re.M).group(1))
            desc = re.search(r'^description: \|\n((?:  .*\n|\n)+?)illustrative:', text, re.M).group(1)
            items.append((title, "\n".join(line[2:] for line in desc.rstrip("\n").split("\n"))))
            codes += [json.loads(c) for c in re.findall(r'^    code: (".*")$', text, re.M)]
        out[st] = (sorted(items), sorted(codes))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gen_corpus")
    ap.add_argument("n", type=int, nargs="?", default=400)
    ap.add_argument("--seed", type=int, default=20250101)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base, cat = os.path.join(tmp, "corpus"), os.path.join(tmp, "catalog")
        subprocess.run([sys.executable, args.gen_corpus, str(args.n), base, "--seed", str(args.seed),
                        "--formats", "yaml"], check=True, stdout=subprocess.DEVNULL)
        subprocess.run([sys.executable, os.path.join(HERE, "gen_catalog.py"), str(args.n), cat,
                        "--seed", str(args.seed)], check=True, stdout=subprocess.DEVNULL)
        a, b = corpus(os.path.join(base, "yaml")), ours(cat)
    services = sum(len(v[0]) for v in a.values())
    print("jurisdictions {} / {}, services {} / {}".format(
        len(a), len(b), services, sum(len(v[0]) for v in b.values())))
    if a != b:
        bad = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
        print("differ in: " + ", ".join(bad))
        sys.exit(1)
    print("same titles, descriptions and billing codes")


if __name__ == "__main__":
    main()
