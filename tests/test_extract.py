"""The per-report record (`gailint.extract`): metadata, every table value under its
stable column name, null (never 0) for what a report does not state readably."""

from __future__ import annotations

import datetime
import pickle

from gailint.columns import COLUMNS, t2_name
from gailint.extract import Record, record, row
from gailint.runner import check_bytes
from gailint.template import TABLE2_COLUMNS

from .conftest import SEEDS


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
