"""GAI2xx — reconciliation: the arithmetic relations of tables 2 and 3 (format-spec §3.1)."""

from .gai201_row_total import RowTotal

RULES = (RowTotal,)
