"""GAI5xx — the text against the tables (format-spec §3.3)."""

from .gai501_application_count import ApplicationCount
from .gai502_no_applications_claim import NoApplicationsClaim
from .gai503_review_litigation_count import ReviewLitigationCount
from .gai504_breakdown_sum import BreakdownSum
from .gai505_percentage import Percentage

RULES: tuple = (ApplicationCount, NoApplicationsClaim, ReviewLitigationCount, BreakdownSum, Percentage)
