import re
import unicodedata


def slugify(text: str) -> str:
    normalized = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", normalized.lower())
    return "-".join(words)


def truncate(text: str, width: int) -> str:
    if width < 1:
        raise ValueError("width must be at least 1")
    return text if len(text) <= width else text[: width - 1] + "\u2026"
