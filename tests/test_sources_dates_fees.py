"""Date and fee defects (GAI3xx, GAI4xx) listed in corpus/SOURCES.md and format-spec §1, §4,
each at its line; and the corpus reports that must stay clean."""

from gailint.diagnostics import Severity
from gailint.engine import Linter
from gailint.runner import check_bytes
from gailint.source import LineIndex

from .conftest import SEEDS, corpus_file


def _found(linter, path, prefix: str | tuple[str, ...]):
    result = check_bytes(linter, str(path), path.read_bytes())
    index = LineIndex(result.source.text)
    return [(d.code, *index.position(d.span.start), d.message) for d in result.diagnostics if d.code.startswith(prefix)]


def test_xiashan_education_2022_published_late(linter):
    # P13: 霞山区教育局 (a department) published its 2022 report on 2023-12-20; deadline 2023-01-31.
    found = _found(linter, corpus_file("P13"), "GAI307")
    assert found == [("GAI307", 2, 8, "发布时间 2023-12-20 晚于法定期限 2023-01-31（部门报告，《条例》第四十九条），逾期 323 天")]


def test_pingtan_2023_published_in_march_is_fine_as_a_government_report(linter):
    # 001: 平潭综合实验区's consolidated 2023 report, published 2024-03-08 — within 3月31日.
    assert _found(linter, corpus_file("001"), "GAI307") == []


def test_pingtan_2023_published_in_march_is_late_for_a_department():
    # 001 again, with the deadline of a department (1月31日) forced by the option.
    linter = Linter(load_plugins=False, options={"GAI307": {"agency-kind": "department"}})
    found = _found(linter, corpus_file("001"), "GAI307")
    assert found == [("GAI307", 2, 7, "发布时间 2024-03-08 晚于法定期限 2024-01-31（部门报告，《条例》第四十九条），逾期 37 天")]


def test_pingtan_publication_dates_within_deadline(linter):
    # 002: 2019 report published 2020-01-20; 013: 2018 report published 2019-01-10 (2007 条例, 3月31日).
    for number in ("002", "013"):
        assert _found(linter, corpus_file(number), "GAI307") == [], number


def test_futian_subdistrict_2024_information_date_is_in_time(linter):
    # P09: 福田街道 (a 街道, department deadline) 信息提供日期 2025-01-15 for its 2024 report.
    assert _found(linter, corpus_file("P09"), "GAI307") == []


def test_fee_statements_present(linter):
    # 001 "无收取信息处理费情况"; 008/009 "全年收取政府信息公开信息处理费 3940 元" (3119 new applications);
    # 010/011 "…信息处理费 0 元".
    for number in ("001", "008", "009", "010", "011"):
        assert _found(linter, corpus_file(number), "GAI4") == [], number


def test_stated_periods_are_the_report_year(linter):
    # Every corpus period is 1/1–12/31 of the title year, in its many wordings: 统计期限自…起至…止,
    # 统计时限, 统计起止时间为, split over PDF lines (010, 011), the end year left out (P04, P05).
    for number in ("001", "002", "008", "009", "010", "011", "013", "P03", "P04", "P05", "P09", "P12", "P13"):
        assert _found(linter, corpus_file(number), ("GAI301", "GAI302", "GAI303", "GAI304")) == [], number


def test_cut_off_on_the_last_day_is_not_early(linter):
    # P13: "2022年,截至12月31日,主动公开执行行政许可339项" covers the whole year.
    assert _found(linter, corpus_file("P13"), "GAI305") == []


def test_seeds_have_no_date_or_fee_errors(linter):
    # Seeds 000, 002 and 003 state no statistical period (a warning); nothing else, and no error.
    for number, path in SEEDS.items():
        result = check_bytes(linter, str(path), path.read_bytes())
        ours = [d for d in result.diagnostics if d.code[:4] in ("GAI3", "GAI4")]
        assert not [d for d in ours if d.severity is Severity.ERROR], number
        expected = ["GAI302"] if number in ("000", "002", "003") else []
        assert [d.code for d in ours] == expected, number
