"""Evaluation: golden question sets, metrics and reports (see the evaluation issue)."""
