#!/usr/bin/env python3
"""Lower bound on the cost of reaching a target quality when one cheap model's outcomes are known in advance.

For each model M of a recorded-results JSONL file (one request a line: {"id", "prompt", "models": {name: {"quality",
"cost"}}}): route to M every request M answers correctly, and send just enough of the other requests (at the
reference model's mean quality and cost on them) to the reference model to reach the target quality. Prints that
cost as a share of the reference model's mean cost. A pre-call router knows less than this, so a cost goal below
every row cannot be met by routing on predictions of one cheap model.

    python3 scripts/knowledge_bound.py ../shared/data/multi-model/routerbench-mbpp-test.jsonl gpt-3.5-turbo-1106 0.6875
"""
import json
import sys


def main(path, reference, target):
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    n = len(rows)
    ref_cost = sum(r["models"][reference]["cost"] for r in rows) / n
    print(f"{path}: {n} requests, reference {reference} (mean cost {ref_cost:.6f}), target quality {target}")
    for model in rows[0]["models"]:
        if model == reference:
            continue
        right = [r for r in rows if r["models"][model]["quality"] >= 1]
        wrong = [r for r in rows if r["models"][model]["quality"] < 1]
        cost = sum(r["models"][model]["cost"] for r in rows)
        missing = target * n - len(right)
        if missing > 0:
            ref_quality = sum(r["models"][reference]["quality"] for r in wrong) / len(wrong)
            extra = sum(r["models"][reference]["cost"] - r["models"][model]["cost"] for r in wrong) / len(wrong)
            sent = missing / ref_quality if ref_quality > 0 else float("inf")
            if sent > len(wrong):
                print(f"  {model}: target not reachable")
                continue
            cost += sent * extra
        print(f"  {model}: correct on {len(right)}; cost {cost / n / ref_cost:.1%} of the reference")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: knowledge_bound.py DATA.jsonl REFERENCE_MODEL TARGET_QUALITY")
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]))
