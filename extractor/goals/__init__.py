"""Goal follow-up: goal tables, coloured status symbols, numbered goal lists, stated totals.

The chain, run by `extractor/stages/goals.py`:
`tables.find_goal_tables` (header rows → column bounds → rows, joined over page breaks) →
`context` (the unit from the enclosing headings, prose outside the tables) →
`symbols` (status symbols and progress bars, colours mapped by the report's legend) →
`lists.find_goal_lists` (numbered lists "Förbundets finansiella mål 2025 är: 1. … 2. …") →
status by `extractor.nlp` → `totals` (the report's own counts, scoped and reconciled).
"""
