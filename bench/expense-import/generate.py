#!/usr/bin/env python3
"""Writes the expense-import benchmark's input: N expense lines spread over P projects.

usage: generate.py LINES PROJECTS OUT.csv [TABLE_SHAPED.tsv CONSORTIUM_ID FIRST_PROJECT_ID]

The CSV is what `jinjibu import expenses` reads. The optional second file holds the same
rows shaped like the `expenses` table (ids resolved), for a plain `psql \\copy` into it.
"""
import random
import sys
from datetime import date, timedelta

lines, projects, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
table_out = sys.argv[4] if len(sys.argv) > 4 else None
consortium_id = sys.argv[5] if len(sys.argv) > 5 else None
first_project_id = int(sys.argv[6]) if len(sys.argv) > 6 else None

categories = ["personnel", "honoraria", "travel", "venue", "advertising", "outsourcing", "consumables", "other", "equipment"]
payees = ["燕地域サービス株式会社", "新潟日報社", "JR東日本", "燕市文化会館", "株式会社つばめいと", "外部講師"]
rng = random.Random(4711)
start = date(2024, 4, 1)

with open(out, "w", encoding="utf-8", newline="") as csv_file:
    table_file = open(table_out, "w", encoding="utf-8", newline="") if table_out else None
    csv_file.write("project,category,incurred_on,paid_on,payee,description,amount_excl_tax_yen,tax_yen,evidence_ref\n")
    for n in range(lines):
        project = n % projects
        category = categories[n % len(categories)]
        incurred = start + timedelta(days=rng.randrange(0, 365))
        paid = incurred + timedelta(days=rng.randrange(0, 40))
        amount = rng.randrange(1_000, 500_000)
        tax = amount // 10
        payee = payees[n % len(payees)]
        evidence = f"INV-{n:08d}"
        code = f"bench-{project:04d}"
        csv_file.write(f"{code},{category},{incurred},{paid},{payee},経費 {n},{amount},{tax},{evidence}\n")
        if table_file:
            table_file.write(f"{consortium_id}\t{first_project_id + project}\t{evidence}\t{category}\t{incurred}\t{paid}\t{payee}\t経費 {n}\t{amount}\t{tax}\t{evidence}\n")
    if table_file:
        table_file.close()
