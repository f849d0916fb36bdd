"""GAI1xx — structure: sections, tables, template rows and versions, cell values (format-spec §2, §5, A4)."""

from .gai101_section_missing import SectionMissing
from .gai102_section_order import SectionOrder
from .gai103_section_heading import SectionHeading
from .gai104_table_missing import TableMissing
from .gai105_template_row_missing import TemplateRowMissing
from .gai106_outdated_template import OutdatedTemplate
from .gai107_invalid_cell import InvalidCell
from .gai108_township_regulations import TownshipRegulations

RULES = (SectionMissing, SectionOrder, SectionHeading, TableMissing, TemplateRowMissing, OutdatedTemplate, InvalidCell,
         TownshipRegulations)
