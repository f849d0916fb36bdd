"""GAI4xx — 信息处理费 (format-spec §4)."""

from .gai401_fee_statement_missing import FeeStatementMissing
from .gai402_fee_without_applications import FeeWithoutApplications

RULES: tuple = (FeeStatementMissing, FeeWithoutApplications)
