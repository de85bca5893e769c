"""Money is integer cents everywhere; this is the one place that formats it."""


def fmt_cents(cents: int) -> str:
    """12345 -> "$123.45"; 123456789 -> "$1,234,567.89"."""
    sign = "-" if cents < 0 else ""
    dollars, rest = divmod(abs(cents), 100)
    return f"{sign}${dollars:,}.{rest:02d}"
