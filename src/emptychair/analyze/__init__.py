"""Analyses over reconciled records: streaks of absences and representation downgrades."""
