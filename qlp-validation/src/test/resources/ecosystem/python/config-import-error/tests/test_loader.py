import json

from appconfig import load_settings


def test_file_overrides_defaults(tmp_path):
    config = tmp_path / "settings.json"
    config.write_text(json.dumps({"workers": 8}), encoding="utf-8")
    assert load_settings(config) == {"debug": False, "workers": 8}
