"""Normalizers: the values a person reads from a cell (places, periods, counts, funding)."""
