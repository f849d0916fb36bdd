"""GAI4xx — 信息处理费 (format-spec §4)."""

RULES: tuple = ()
