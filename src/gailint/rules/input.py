"""GAI0xx — input and structure problems that stop a check."""

from .gai001_undecodable import Undecodable
from .gai002_table_unreadable import TableUnreadable
from .gai003_row_cell_count import RowCellCount
from .gai004_row_not_mapped import RowNotMapped
from .gai005_rule_error import RuleError
from .gai006_plugin_error import PluginError
from .gai007_unused_suppression import UnusedSuppression
from .gai008_file_too_large import FileTooLarge

RULES = (Undecodable, TableUnreadable, RowCellCount, RowNotMapped, RuleError, PluginError, UnusedSuppression,
         FileTooLarge)
