"""GAI1xx — structure: sections, tables, template rows and versions, cell values (format-spec §2, §5, A4)."""

RULES: tuple = ()
