from .backoff import delays
