"""GAI6xx — citations and wording (format-spec §5.1, §7, §8)."""

from .gai601_outdated_citation import OutdatedCitation
from .gai602_wrong_document_number import WrongDocumentNumber
from .gai603_title_wording import TitleWording
from .gai604_corrupted_label import CorruptedLabel
from .gai605_doubled_word import DoubledWord
from .gai606_ordinal_sequence import OrdinalSequence

RULES: tuple = (OutdatedCitation, WrongDocumentNumber, TitleWording, CorruptedLabel, DoubledWord, OrdinalSequence)
