from .loader import load_settings
