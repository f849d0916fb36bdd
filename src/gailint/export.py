"""Writing the records of ``gailint extract``: CSV, JSON or Parquet, one row per report,
the columns of `gailint.columns` in their order and with their dtypes.

Null is an empty CSV field, JSON ``null`` and a Parquet null — never 0. Dates are ISO
strings in CSV and JSON and ``date32`` in Parquet. Parquet needs pyarrow
(``pip install "gailint[parquet]"``).
"""

from __future__ import annotations

import csv
import datetime
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .columns import COLUMNS
from .extract import Record, row

__all__ = ["FORMATS", "write_records"]

FORMATS = ("csv", "json", "parquet")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)


def write_csv(rows: Sequence[dict[str, Any]], path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([c.name for c in COLUMNS])
        for item in rows:
            writer.writerow([_text(item[c.name]) for c in COLUMNS])


def write_json(rows: Sequence[dict[str, Any]], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as out:
        json.dump(rows, out, ensure_ascii=False, indent=1,
                  default=lambda v: v.isoformat() if isinstance(v, datetime.date) else str(v))
        out.write("\n")


def arrow_schema():
    """The Parquet schema: the column dictionary's dtypes as Arrow types."""
    import pyarrow as pa

    types = {"string": pa.string(), "Int64": pa.int64(), "Float64": pa.float64(), "boolean": pa.bool_(),
             "date": pa.date32()}
    return pa.schema([pa.field(c.name, types[c.dtype], nullable=True) for c in COLUMNS])


def write_parquet(rows: Sequence[dict[str, Any]], path: Path) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as error:
        raise RuntimeError(f"Parquet output needs pyarrow ({error}): pip install \"gailint[parquet]\"") from None
    schema = arrow_schema()
    table = pa.Table.from_pydict({c.name: [item[c.name] for item in rows] for c in COLUMNS}, schema=schema)
    pq.write_table(table, path)


def write_records(records: Iterable[Record], path: Path, fmt: str) -> int:
    """Write the records' rows to `path` in `fmt`; the number of rows."""
    rows = [row(record) for record in records]
    {"csv": write_csv, "json": write_json, "parquet": write_parquet}[fmt](rows, path)
    return len(rows)
