"""GAI5xx — the text against the tables (format-spec §3.3)."""

RULES: tuple = ()
