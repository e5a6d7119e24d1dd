def delays(attempts, base=0.5, cap=8.0):
    """Exponential back-off delays, capped."""
    return [min(cap, base * 2 ** attempt) for attempt in range(attempts)]
