"""Redaction for logs: never a full phone number."""


def mask_phone(phone: str | None) -> str:
    """'+14085551234' -> '…1234'."""
    return f"…{phone[-4:]}" if phone and len(phone) > 4 else "…"
