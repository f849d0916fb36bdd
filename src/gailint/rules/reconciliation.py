"""GAI2xx — reconciliation: the arithmetic relations of tables 2 and 3 (format-spec §3.1)."""

from .gai201_row_total import RowTotal
from .gai202_balance import Balance
from .gai203_outcomes_total import OutcomesTotal
from .gai204_subtotal import Subtotal
from .gai205_table3_total import Table3Total

RULES = (RowTotal, Balance, OutcomesTotal, Subtotal, Table3Total)
