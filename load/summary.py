"""Turns the locust CSV files of `make load` into the tables of docs/PERFORMANCE.md.

usage: summary.py OUT_DIR CONFIG...   (reads OUT_DIR/<config>-{mix,saturated,ceiling}_stats.csv)
"""

import csv
import sys


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def num(row, key):
    value = row.get(key, "")
    return float(value) if value not in ("", "N/A") else 0.0


def main():
    out, configs = sys.argv[1], sys.argv[2:]
    print("| setup | request kind | requests | req/s | p50 ms | p95 ms | p99 ms | errors |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    ratios = []
    for config in configs:
        mix = rows(f"{out}/{config}-mix_stats.csv")
        ceiling = rows(f"{out}/{config}-ceiling_stats.csv")
        for row in sorted(mix, key=lambda r: (r["Name"] == "Aggregated", r["Name"])):
            count = num(row, "Request Count")
            failures = num(row, "Failure Count")
            name = "**all (the mix)**" if row["Name"] == "Aggregated" else row["Name"]
            print(
                f"| {config} | {name} | {count:,.0f} | {num(row, 'Requests/s'):,.1f} "
                f"| {num(row, '50%'):,.0f} | {num(row, '95%'):,.0f} | {num(row, '99%'):,.0f} "
                f"| {failures / count * 100 if count else 0:.2f} % |"
            )
        top = next(r for r in ceiling if r["Name"] == "Aggregated")
        saturated = rows(f"{out}/{config}-saturated_stats.csv")
        full = next(r for r in saturated if r["Name"] == "Aggregated")
        print(
            f"| {config} | *static JSON alone (ceiling)* | {num(top, 'Request Count'):,.0f} "
            f"| {num(top, 'Requests/s'):,.1f} | {num(top, '50%'):,.0f} | {num(top, '95%'):,.0f} "
            f"| {num(top, '99%'):,.0f} "
            f"| {num(top, 'Failure Count') / max(num(top, 'Request Count'), 1) * 100:.2f} % |"
        )
        ratios.append((config, full, top))
    print()
    print(
        "| setup | the mix without think time: req/s | its p50 / p95 / p99 ms | errors "
        "| static JSON: req/s | ratio |"
    )
    print("|---|---:|---|---:|---:|---:|")
    for config, full, top in ratios:
        count = num(full, "Request Count")
        rate, ceiling_rate = num(full, "Requests/s"), num(top, "Requests/s")
        print(
            f"| {config} | {rate:,.1f} | {num(full, '50%'):,.0f} / {num(full, '95%'):,.0f} / "
            f"{num(full, '99%'):,.0f} | {num(full, 'Failure Count') / count * 100 if count else 0:.2f} % "
            f"| {ceiling_rate:,.1f} | {rate / ceiling_rate * 100 if ceiling_rate else 0:.1f} % |"
        )
    print()
    print("| setup | workflow actions without think time | requests | req/s | p50 / p95 / p99 ms | errors |")
    print("|---|---|---:|---:|---|---:|")
    for config in configs:
        for row in rows(f"{out}/{config}-saturated_stats.csv"):
            if not row["Name"].startswith("action: "):
                continue
            count = num(row, "Request Count")
            print(
                f"| {config} | {row['Name']} | {count:,.0f} | {num(row, 'Requests/s'):,.1f} "
                f"| {num(row, '50%'):,.0f} / {num(row, '95%'):,.0f} / {num(row, '99%'):,.0f} "
                f"| {num(row, 'Failure Count') / count * 100 if count else 0:.2f} % |"
            )


if __name__ == "__main__":
    main()
