DEFAULTS = {"debug": False, "workers": 4}
