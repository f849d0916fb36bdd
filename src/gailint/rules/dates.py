"""GAI3xx — dates: report year, statistical period, publication deadline (format-spec §1)."""

RULES: tuple = ()
