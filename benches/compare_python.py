"""Compare pledges' quantity extractor with JioNLP on the 115 seed targets.

JioNLP (pip install jionlp) is a Python NLP toolkit whose closest feature is
`jio.ner.extract_money`: it finds money amounts only (no counts, %, areas).
This script measures its lines/s on the same targets and counts how many gold
quantities it gets fully right: value (after folding 万/亿), unit and
qualifier. A JioNLP result is mapped as follows:
  detail.num (plain decimal or [low, high])  -> magnitude_value (low end)
  detail.case                                -> base_unit
  detail.definition 'accurate' -> qualifier ''; 'blur' -> qualifier non-empty
A quantity counts as right when a JioNLP entity of the same row matches the
gold magnitude_value and base_unit, and its definition agrees with whether the
gold has a qualifier.

Usage: python3 benches/compare_python.py   (from the repository root)
"""
import csv
import time
from collections import defaultdict

import jionlp as jio

SEED = "corpus/seed/000_5c28f99ac9fc0060"


def load():
    with open(SEED + ".source-gold.csv", encoding="utf-8") as f:
        rows = [((r["department"], r["category"], r["seq"]), r["target"]) for r in csv.DictReader(f)]
    gold = defaultdict(list)
    with open(SEED + ".quantities.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            gold[(r["department"], r["category"], r["seq"])].append(r)
    return rows, gold


def same_number(a, b):
    try:
        return abs(float(a) - float(b)) < 1e-6
    except (TypeError, ValueError):
        return False


def main():
    rows, gold = load()
    texts = [t for _, t in rows]
    jio.ner.extract_money(texts[0])  # load dictionaries outside the timing
    best = None
    for _ in range(3):
        start = time.perf_counter()
        found = [jio.ner.extract_money(t, with_parsing=True) for t in texts]
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    total = sum(len(g) for g in gold.values())
    right = 0
    for (key, _), entities in zip(rows, found):
        for q in gold.get(key, []):
            for e in entities:
                detail = e.get("detail") or {}
                num = detail.get("num")
                low = num[0] if isinstance(num, list) else num
                blur = detail.get("definition") != "accurate"
                if (same_number(low, q["magnitude_value"]) and detail.get("case") == q["base_unit"]
                        and blur == (q["qualifier"] != "")):
                    right += 1
                    break
    print(f"jionlp {jio.__version__} extract_money: {len(texts) / best:,.0f} lines/s "
          f"({best * 1000:.1f} ms for {len(texts)} lines, best of 3)")
    print(f"fully right: {right} of {total} gold quantities")
    money = sum(1 for g in gold.values() for q in g if q["base_unit"] in ("元", "美元"))
    print(f"(gold money quantities, the only kind it looks for: {money})")


if __name__ == "__main__":
    main()
