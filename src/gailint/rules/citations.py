"""GAI6xx — citations and wording (format-spec §5.1, §7, §8)."""

RULES: tuple = ()
