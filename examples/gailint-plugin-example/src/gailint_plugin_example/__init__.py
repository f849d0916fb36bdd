"""An example gailint plugin: two rules a provincial 政务公开办 might add.

EXA001 section-one-parts    一、总体情况 must cover the five parts of the 2021 template.
EXA002 publication-deadline the report must be published by the province's own deadline.

Everything it uses from gailint comes from `gailint.plugin` (and `gailint.testing`
in the tests): the stable plugin API.
"""

from __future__ import annotations

from gailint.plugin import hookimpl

from .exa001_section_one_parts import SectionOneParts
from .exa002_publication_deadline import PublicationDeadline

__version__ = "0.1.0"

RULES = (SectionOneParts, PublicationDeadline)


@hookimpl
def gailint_rules():
    return list(RULES)
