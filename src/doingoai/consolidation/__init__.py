"""Consolidation: the province's plan built from the units' proposals, and its versions."""
