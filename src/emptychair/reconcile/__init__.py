"""Reconciliation: claims to meetings, timelines to current records, copies to reports."""
