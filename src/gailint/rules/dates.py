"""GAI3xx — dates: report year, statistical period, publication deadline (format-spec §1)."""

from .gai301_report_year_missing import ReportYearMissing
from .gai302_period_missing import PeriodMissing
from .gai303_period_blank import PeriodBlank
from .gai304_period_mismatch import PeriodMismatch
from .gai305_figures_dated_early import FiguresDatedEarly
from .gai306_wrong_year_reference import WrongYearReference
from .gai307_published_late import PublishedLate
from .gai308_impossible_date import ImpossibleDate

RULES: tuple = (
    ReportYearMissing, PeriodMissing, PeriodBlank, PeriodMismatch,
    FiguresDatedEarly, WrongYearReference, PublishedLate, ImpossibleDate,
)
