"""Placeholder replaced by the goal stage."""

from extractor.state import DocumentState


def find_goals(state: DocumentState) -> DocumentState:
    return state
