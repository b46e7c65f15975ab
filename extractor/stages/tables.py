"""Placeholder replaced by the table stage."""

from extractor.state import DocumentState


def find_tables(state: DocumentState) -> DocumentState:
    return state
