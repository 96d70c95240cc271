"""Reports on the plan year: what was planned and what became of it (the execution report)."""
