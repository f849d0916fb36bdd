"""The per-report record (`gailint.extract`): metadata, every table value under its
stable column name, null (never 0) for what a report does not state readably."""

from __future__ import annotations

import datetime
import pickle
import tomllib

import pytest

from gailint.columns import COLUMNS, t2_name
from gailint.extract import Record, record, row
from gailint.runner import check_bytes
from gailint.template import TABLE2_COLUMNS

from .conftest import ROOT, SEEDS


def _record(linter, path):
    return record(check_bytes(linter, str(path), path.read_bytes()))


def test_seed_001_metadata(linter):
    rec = _record(linter, SEEDS["001"])
    assert (rec.agency, rec.agency_source, rec.level, rec.level_inferred) == ("沙坡头区卫生健康局", "title", "部门", True)
    assert (rec.year, rec.template) == (2025, "2021")
    assert (rec.period_start, rec.period_end) == (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    assert rec.published is None
    assert rec.counts["reconciliation"] == 0


def test_record_is_picklable_and_survives_json(linter):
    rec = _record(linter, SEEDS["000"])
    assert pickle.loads(pickle.dumps(rec)) == rec
    assert Record.from_json(rec.to_json()) == rec


def test_damaged_rows_are_null_not_zero(linter):
    # seed 000: table 2 rows that lost a cell (GAI003) cannot be told apart: every value null
    rec = _record(linter, SEEDS["000"])
    flat = row(rec)
    assert flat["t2_outcome_total_natural_person"] is None
    assert flat["t2_outcome_total_total"] is None
    assert list(flat) == [c.name for c in COLUMNS]


def test_column_names_are_stable():
    names = {c.name for c in COLUMNS}
    assert {"t2_new_natural_person", "t2_outcome_partial_total", "t3_review_upheld", "t1_rules_issued",
            "t1_fees_10k_yuan", "t2_carried_forward_total", "t2_outcome_refused_state_secret_legal_service",
            "t2_outcome_other_total"} <= names
    assert t2_name("partly_granted", "total") == "t2_outcome_partial_total"
    assert len(names) == len(COLUMNS)
    assert len([c for c in COLUMNS if c.table == 2]) == (26 + 3) * len(TABLE2_COLUMNS)


# ---------------------------------------------------------------- every table value, by hand
#
# Read off the reports' text by eye (not from gailint's output): table 1 by row, the
# table-2 rows that are not all zero (every other row of the template version is zero),
# the 15 values of table 3. Every other column of the extract must be null.

def _expected(version: str, t1: dict, t2: dict, t3: list) -> dict:
    from gailint.columns import cell_columns, t1_name, t3_name
    from gailint.template import TABLE1_BLOCKS, TABLE3_COLUMNS, table2_rows

    found = {column.name: None for column in cell_columns()}
    for block in TABLE1_BLOCKS[version].values():
        for spec in block.rows:
            for column, value in zip(block.columns, t1[spec.key], strict=True):
                found[t1_name(spec.key, column)] = value
    for spec in table2_rows(version):
        key = "other.subtotal" if spec.key == "other" else spec.key
        for column, value in zip(TABLE2_COLUMNS, t2.get(spec.key, [0] * 7), strict=True):
            found[t2_name(key, column)] = value
    for column, value in zip(TABLE3_COLUMNS, t3, strict=True):
        found[t3_name(column)] = value
    return found


T1_ZERO = {"rules": [0, 0, 0], "normative_documents": [0, 0, 0], "licensing": [0], "punishment": [0],
           "coercion": [0], "fees": [0.0]}
HAND = {
    # 沙坡头区卫生健康局 2025 (tab rows)
    "seed-001": ("2021", {**T1_ZERO, "licensing": [636], "punishment": [4]},
                 {"new": [1, 0, 0, 0, 0, 0, 1], "refused.internal": [1, 0, 0, 0, 0, 0, 1],
                  "total": [1, 0, 0, 0, 0, 0, 1]}, [0] * 15),
    # 卫生健康局 2025 (Word blocks, one cell per line): table 2 and 3 all zero
    "seed-002": ("2021", {**T1_ZERO, "licensing": [303], "punishment": [7]}, {}, [0] * 15),
    # 曲靖市沾益区卫生健康局 2024 (markdown headings, tab rows)
    "seed-003": ("2021", {**T1_ZERO, "punishment": [63], "coercion": [2]},
                 {"new": [1, 0, 0, 0, 0, 0, 1], "granted": [1, 0, 0, 0, 0, 0, 1], "total": [1, 0, 0, 0, 0, 0, 1]},
                 [0] * 15),
    # 昆都仑区卫生健康委员会 2025 (pipe rows)
    "seed-004": ("2021", {**T1_ZERO, "punishment": [7]},
                 {"new": [4, 0, 0, 0, 0, 0, 4], "granted": [2, 0, 0, 0, 0, 0, 2],
                  "refused.third_party": [1, 0, 0, 0, 0, 0, 1], "unable.not_held": [1, 0, 0, 0, 0, 0, 1],
                  "total": [4, 0, 0, 0, 0, 0, 4]}, [0] * 15),
    # 淮安市洪泽区人民政府 2024 (pdftotext -layout; table 2 in the 2019 format: one （六）其他处理 row)
    "corpus-011": ("2019-rows", {"rules": [0, 0, 0], "normative_documents": [3, 0, 8], "licensing": [9487],
                                 "punishment": [2776], "coercion": [84], "fees": [7545.0]},
                   {"new": [95, 0, 0, 0, 0, 0, 95], "granted": [50, 0, 0, 0, 0, 0, 50],
                    "partly_granted": [9, 0, 0, 0, 0, 0, 9], "refused.security": [1, 0, 0, 0, 0, 0, 1],
                    "refused.process": [1, 0, 0, 0, 0, 0, 1], "refused.enforcement": [1, 0, 0, 0, 0, 0, 1],
                    "unable.not_held": [31, 0, 0, 0, 0, 0, 31], "unable.to_create": [1, 0, 0, 0, 0, 0, 1],
                    "not_processed.complaint": [1, 0, 0, 0, 0, 0, 1], "total": [95, 0, 0, 0, 0, 0, 95]},
                   [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3]),
}


def _path(name: str):
    from .conftest import corpus_file

    kind, number = name.split("-")
    return SEEDS[number] if kind == "seed" else corpus_file(number)


@pytest.mark.parametrize("name", sorted(HAND))
def test_every_table_value_by_hand(linter, name):
    version, t1, t2, t3 = HAND[name]
    expected = _expected("2021", t1, {}, t3)
    if version == "2019-rows":  # table 1 of the 2021 template, table 2 in the 2019 trial format
        table2 = _expected("2019", {**{k: [0] * 3 for k in ("rules", "normative_documents")},
                                    **{k: [0] * 3 for k in ("licensing", "other_services", "punishment", "coercion")},
                                    "fees": [0.0, 0.0], "procurement": [0, 0.0]}, t2, t3)
        expected.update({k: v for k, v in table2.items() if k.startswith("t2_")})
    else:
        expected.update({k: v for k, v in _expected("2021", t1, t2, t3).items() if k.startswith("t2_")})
    flat = row(_record(linter, _path(name)))
    assert {k: flat[k] for k in expected} == expected
    assert all(type(flat[k]) is type(v) for k, v in expected.items() if v is not None)


# ---------------------------------------------------------------- gailint extract


def _corpus_dir():
    from .conftest import CORPUS, corpus_file

    corpus_file("011")  # skips (or fails in CI) when the corpus is absent
    return CORPUS


def test_extract_csv_loads_in_pandas_with_the_documented_dtypes_and_round_trips_parquet(tmp_path):
    import pandas as pd

    from gailint.cli import main
    from gailint.columns import pandas_dtypes

    from .conftest import EXAMPLES

    paths = [str(EXAMPLES), str(_corpus_dir())]
    assert main(["extract", *paths, "-o", str(tmp_path / "r.csv"), "--no-cache", "-q"]) == 0
    assert main(["extract", *paths, "-o", str(tmp_path / "r.parquet"), "--no-cache", "-q"]) == 0
    assert main(["extract", *paths, "-o", str(tmp_path / "r.json"), "--no-cache", "-q"]) == 0
    dates = [c.name for c in COLUMNS if c.dtype == "date"]
    frame = pd.read_csv(tmp_path / "r.csv", dtype=pandas_dtypes(), parse_dates=dates)
    assert list(frame.columns) == [c.name for c in COLUMNS]
    for column in COLUMNS:
        expected = "datetime64" if column.dtype == "date" else column.dtype
        assert str(frame[column.name].dtype).lower().startswith(expected.lower()), column.name
    assert len(frame) == len(list(EXAMPLES.glob("*.txt"))) + len(list(_corpus_dir().glob("*.txt"))) + 1  # + SOURCES.md
    parquet = pd.read_parquet(tmp_path / "r.parquet", dtype_backend="numpy_nullable")
    for name in dates:
        parquet[name] = pd.to_datetime(parquet[name])
    parquet = parquet.astype({name: "datetime64[ns]" for name in dates})
    frame = frame.astype({name: "datetime64[ns]" for name in dates})
    pd.testing.assert_frame_equal(frame, parquet, check_dtype=False)
    assert parquet.dtypes.map(str).to_dict() | {n: "date" for n in dates} == \
        {c.name: c.dtype.replace("string", "string") for c in COLUMNS} | {n: "date" for n in dates}
    # values by hand: seed 001 and 淮安市洪泽区 2024; an unreadable value is null, never 0
    by_file = frame.set_index(frame["file"].str.rsplit("/", n=1).str[-1])
    assert by_file.loc["001_93ae09122aa543fb.txt", "t1_licensing_decisions"] == 636
    assert by_file.loc["011_hongze-district-2024-pdftotext-layout.txt", "t3_suit_after_review_total"] == 3
    assert by_file.loc["011_hongze-district-2024-pdftotext-layout.txt", "t1_fees_10k_yuan"] == 7545.0
    assert by_file.loc["011_hongze-district-2024-pdftotext-layout.txt", "agency"] == "淮安市洪泽区人民政府"
    # glued cells: "801000081" is 80 1 0 0 0 0 81 by the template's relations; 行政规范性文件's
    # glued "77132470" splits 21 ways, so it is null
    assert by_file.loc["001_pingtan-2023-collapsed.txt", "t2_new_total"] == 81
    assert pd.isna(by_file.loc["001_pingtan-2023-collapsed.txt", "t1_normative_documents_issued"])
    assert pd.isna(by_file.loc["000_e5d30ccd7d1341d9.txt", "t2_outcome_total_total"])  # a row lost a cell
    assert by_file.loc["000_e5d30ccd7d1341d9.txt", "n_input"] == 23
    assert by_file.loc["000_e5d30ccd7d1341d9.txt", "published"] == pd.Timestamp("2026-01-15")
    import json

    rows = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [r["file"] for r in rows] == list(frame["file"])
    assert rows[0]["t2_new_total"] is None or isinstance(rows[0]["t2_new_total"], int)


def test_extract_counts_cross_report_diagnostics(tmp_path):
    import csv

    from gailint.cli import main

    from .test_crossreport import _pairs

    reports = tmp_path / "reports"
    reports.mkdir()
    _pairs(reports)
    assert main(["extract", str(reports), "-o", str(tmp_path / "r.csv"), "--no-cache", "-q", "--jobs", "1"]) == 0
    with open(tmp_path / "r.csv", encoding="utf-8") as file:
        counts = {row["file"].rsplit("/", 1)[-1]: row["n_cross_report"] for row in csv.DictReader(file)}
    assert counts == {"a_2024.txt": "0", "a_2025.txt": "1", "b_2024.txt": "0", "b_2025.txt": "1",
                      "c_2024.txt": "0", "c_2025.txt": "0"}


def test_column_dictionary_is_current():
    from gailint.columns import render_columns

    from .conftest import ROOT

    assert (ROOT / "docs" / "columns.md").read_text(encoding="utf-8") == render_columns(), \
        "run `gailint extract --write-columns docs/columns.md`"


def test_rows_read_only_as_the_most_plausible_split_are_null(linter):
    """Seed 001 flattened with glued cells, mutated so that no split satisfies every relation
    (the case of rules/GAI201.toml): the rows read as the most plausible split are marked so
    (`Problem.plausible`) and are null in the extract; a row the relations determine is given."""
    cases = tomllib.loads((ROOT / "rules" / "GAI201.toml").read_text(encoding="utf-8"))["case"]
    text = next(case["text"] for case in cases if "most plausible" in case["name"])
    result = check_bytes(linter, "glued.txt", text.encode("utf-8"))
    guessed = [p for p in result.report.table(2).problems if p.kind == "inferred"]
    assert [p.plausible for p in guessed] == [True, True, True]
    rec = record(result)
    assert all(rec.value(t2_name("new", column)) is None for column in TABLE2_COLUMNS)
    assert rec.value(t2_name("total", "total")) is None
    assert [rec.value(t2_name("carried_over", column)) for column in TABLE2_COLUMNS] == [0] * 7
