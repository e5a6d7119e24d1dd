import json
from pathlib import Path

from .defaults import DEFAULT_SETTINGS


def load_settings(path: Path) -> dict:
    settings = dict(DEFAULT_SETTINGS)
    settings.update(json.loads(path.read_text(encoding="utf-8")))
    return settings
