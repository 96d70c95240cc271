"""Checks of the plan against the rules: each warning names its rule and source, never blocks."""
